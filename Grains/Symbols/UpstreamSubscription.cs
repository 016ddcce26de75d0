using Microsoft.Extensions.Logging;

namespace OrleansMarketData.Symbols;

/// <summary>
/// A symbol grain's hold on its symbol at the feed grain, which keeps the upstream subscription while anyone holds
/// it: taken when the grain activates, renewed periodically, given back when the grain deactivates or learns that
/// its symbol does not exist. Used from the grain's turns; a renewal interleaves with them.
/// </summary>
public sealed partial class UpstreamSubscription(IMarketFeedGrain feed, string symbol, ILogger logger)
{
    private bool _held;
    /// <summary>The renewal in flight, if any.</summary>
    private Task _renewal = Task.CompletedTask;

    /// <summary>Takes the hold; returns the feed's number of the symbol's newest bar (<see cref="IMarketFeedGrain.Subscribe"/>).</summary>
    public async Task<long> HoldAsync()
    {
        var newest = await feed.Subscribe(symbol);
        _held = true;
        return newest;
    }

    /// <summary>
    /// Tells the feed again that the symbol is held, in case the feed grain was activated anew elsewhere or lost count
    /// of its holders, with the grain's newest bar so that a feed that had dropped the symbol resumes after it.
    /// </summary>
    public Task RenewAsync(DateTimeOffset? newestBar) => _renewal = RenewHeldAsync(newestBar);

    private async Task RenewHeldAsync(DateTimeOffset? newestBar)
    {
        if (!_held) return;
        try
        {
            await feed.Renew(symbol, newestBar);
        }
        catch (Exception ex)
        {
            LogRenewFailed(logger, ex, symbol);
        }
    }

    public async Task ReleaseAsync()
    {
        if (!_held) return;
        _held = false;
        // A renewal answered after the unsubscribe would hold the symbol again for a grain that is gone.
        await _renewal;
        try
        {
            await feed.Unsubscribe(symbol);
        }
        catch (Exception ex)
        {
            LogUnsubscribeFailed(logger, ex, symbol);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Symbol {Symbol}: renewing the upstream subscription failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Symbol {Symbol}: upstream unsubscribe failed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string symbol);
}
