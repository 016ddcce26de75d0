using Microsoft.Extensions.Logging;
using OrleansMarketData.Model;
using OrleansMarketData.Sources;
using OrleansMarketData.Streams;

namespace OrleansMarketData.Feeds;

/// <summary>
/// Holds the one upstream connection of a feed and publishes its 1-minute bars to <c>bars/{SYMBOL}</c>.
/// Kept alive for as long as its silo runs: idle collection would drop the connection.
/// </summary>
[KeepAlive]
public sealed partial class MarketFeedGrain(IMarketDataSource source, ILogger<MarketFeedGrain> logger) : Grain, IMarketFeedGrain, IRemindable
{
    private const string ReviveReminder = "revive";
    private const int MaxBatch = 10_000;
    private readonly Dictionary<string, int> _holders = new(StringComparer.Ordinal);
    private ILiveBarFeed? _feed;
    private Task _pump = Task.CompletedTask;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _feed = source.OpenLiveFeed();
        // Started from the grain's context, so the loop runs in the grain's turns like any other call.
        _pump = PumpAsync(_feed);
        LogOpened(logger, source.FeedName);
        // If this grain's silo dies, the reminder activates it again on another silo.
        await this.RegisterOrUpdateReminder(ReviveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    public ValueTask Ping() => ValueTask.CompletedTask;

    public ValueTask Renew(string symbol) => _holders.ContainsKey(symbol) ? ValueTask.CompletedTask : Subscribe(symbol);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_feed is not null) await _feed.DisposeAsync();
        await _pump;
        LogClosed(logger, source.FeedName, reason.Description);
    }

    public ValueTask Subscribe(string symbol)
    {
        var holders = _holders.GetValueOrDefault(symbol) + 1;
        _holders[symbol] = holders;
        if (holders == 1)
        {
            Feed.Subscribe(symbol);
            LogSubscribed(logger, source.FeedName, symbol, _holders.Count);
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask Unsubscribe(string symbol)
    {
        if (!_holders.TryGetValue(symbol, out var holders)) return ValueTask.CompletedTask;
        if (holders > 1)
        {
            _holders[symbol] = holders - 1;
            return ValueTask.CompletedTask;
        }
        _holders.Remove(symbol);
        Feed.Unsubscribe(symbol);
        LogUnsubscribed(logger, source.FeedName, symbol, _holders.Count);
        return ValueTask.CompletedTask;
    }

    public ValueTask<FeedStatus> GetStatus() => ValueTask.FromResult(new FeedStatus(
        source.FeedName, source.IsAlpaca, Feed.Connected, Feed.State, Feed.LastError, Feed.LastMessageTime,
        _holders.Keys.Order(StringComparer.Ordinal).ToArray(), source.Now, RuntimeIdentity));

    private ILiveBarFeed Feed => _feed ?? throw new InvalidOperationException("The feed is not open.");

    private async Task PumpAsync(ILiveBarFeed feed)
    {
        var provider = this.GetStreamProvider(StreamNames.Provider);
        var batch = new List<SymbolBar>();
        while (await feed.Bars.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && feed.Bars.TryRead(out var bar)) batch.Add(bar);
            // One symbol's bars stay in order; different symbols are published side by side.
            await Task.WhenAll(batch.GroupBy(b => b.Symbol).Select(g => PublishAsync(provider, g.Key, g)));
        }
    }

    private async Task PublishAsync(IStreamProvider provider, string symbol, IEnumerable<SymbolBar> bars)
    {
        var stream = provider.GetStream<SymbolBar>(StreamNames.BarStream(symbol));
        foreach (var bar in bars)
        {
            try
            {
                await stream.OnNextAsync(bar);
            }
            catch (Exception ex)
            {
                LogPublishFailed(logger, ex, symbol, bar.Bar.Time);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: upstream connection opened")]
    private static partial void LogOpened(ILogger logger, string feed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: upstream connection closed ({Reason})")]
    private static partial void LogClosed(ILogger logger, string feed, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: subscribed {Symbol} upstream ({SymbolCount} symbols)")]
    private static partial void LogSubscribed(ILogger logger, string feed, string symbol, int symbolCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: unsubscribed {Symbol} upstream ({SymbolCount} symbols)")]
    private static partial void LogUnsubscribed(ILogger logger, string feed, string symbol, int symbolCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not publish the {Symbol} bar of {BarTime:O}")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string symbol, DateTimeOffset barTime);
}
