using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Sockets;

public sealed partial class SymbolSubscription
{
    /// <summary>
    /// Sends each started listener what reached the grain's history since its last candle: batches may have been
    /// lost with a subscription, or never published when the grain was activated anew after its silo died.
    /// Called while delivery is held, so the live batches that follow are newer than the history caught up from.
    /// False, and still pending, when any timeframe's history could not be had: the next batch or check-in tries again.
    /// </summary>
    private async Task<bool> CatchUpAsync()
    {
        // Cleared first: a subscription replaced while this runs asks for another catch-up after it.
        _catchUpPending = false;
        ICandleListener[] listeners;
        lock (_lock) listeners = _listeners.Where(l => l.IsStarted).ToArray();
        var complete = true;
        long? caughtUpTo = null;
        foreach (var group in listeners.GroupBy(l => l.Timeframe))
        {
            try
            {
                var snapshot = await Grain.GetHistory(group.Key, 1_000);
                if (snapshot.State != SymbolState.Ready)
                {
                    LogCatchUpUnavailable(logger, symbol, snapshot.State);
                    complete = false;
                    continue;
                }
                _epoch = snapshot.Epoch;
                caughtUpTo = Math.Min(caughtUpTo ?? long.MaxValue, snapshot.Version);
                lock (_lock)
                {
                    foreach (var listener in group) listener.Resync(snapshot, _messages);
                }
            }
            catch (Exception ex)
            {
                LogCatchUpFailed(logger, ex, symbol);
                complete = false;
            }
        }
        if (!complete)
        {
            _catchUpPending = true;
            return false;
        }
        if (caughtUpTo is { } version) _delivery.Received(version);
        if (listeners.Length > 0) LogCaughtUp(logger, symbol, listeners.Length);
        return true;
    }

    /// <summary>Retries a catch-up that failed, so its listeners get their candles even when no batch comes.</summary>
    private async Task RetryCatchUpAsync()
    {
        if (!_catchUpPending) return;
        await _delivering.WaitAsync();
        try
        {
            if (_catchUpPending) await CatchUpAsync();
        }
        finally
        {
            _delivering.Release();
        }
    }
}
