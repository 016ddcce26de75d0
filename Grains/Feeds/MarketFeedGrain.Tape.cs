using Microsoft.Extensions.Logging;
using OrleansMarketData.Grains;
using OrleansMarketData.Model;
using OrleansMarketData.Sources;
using OrleansMarketData.Tape;

namespace OrleansMarketData.Feeds;

/// <summary>
/// The feed's tape (trades, quotes, statuses): the grain keeps the gateways' registrations and the upstream
/// subscriptions they call for, and a <see cref="TapeRelay"/> carries the messages outside the grain's turns
/// (docs/architecture.md, "The tape"). Registrations are not stored: gateways renew them every check-in interval, so
/// an activation after a silo failure relearns them within one.
/// </summary>
public sealed partial class MarketFeedGrain
{
    private TapeRegistry? _tape;
    private Task _relaying = Task.CompletedTask;

    public ValueTask WatchTape(ITapeObserver gateway, TapeInterest interest)
    {
        _tape?.Watch(gateway, interest);
        if (_tape is not null) LogTapeWatch(logger, source.FeedName, interest.Trades.Count, interest.Quotes.Count, interest.Statuses.Count, _tape.Subscribed);
        return ValueTask.CompletedTask;
    }

    private void OpenTape(ILiveBarFeed feed)
    {
        if (feed is not ILiveTape tape) return;
        var relay = new TapeRelay(logger, metrics, source.FeedName);
        _tape = new TapeRegistry(tape, relay, time);
        // On the thread pool, not in the grain's turns: every message of the cluster's tape passes through this loop.
        _relaying = Task.Run(() => relay.RunAsync(tape.Tape));
    }

    private async Task CloseTapeAsync()
    {
        try
        {
            await _relaying;
        }
        catch (Exception ex)
        {
            LogTapeFailed(logger, ex, source.FeedName);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed {Feed}: a gateway streams the trades of {Trades}, quotes of {Quotes}, statuses of {Statuses} symbols ({Subscribed} channel subscriptions upstream)")]
    private static partial void LogTapeWatch(ILogger logger, string feed, int trades, int quotes, int statuses, int subscribed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed {Feed}: the tape relay failed")]
    private static partial void LogTapeFailed(ILogger logger, Exception exception, string feed);
}
