using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// The rules of versions and epochs, all carried out by the subscription's mailbox loop. Every batch and snapshot
/// has a version that grows with each batch of the symbol, and the epoch of the grain activation that produced it.
/// A batch names its predecessor (<see cref="CandleBatch.Previous"/>): if that was never received, something was
/// lost on the way. A batch of another epoch comes from a grain activated anew, which may hold bars its predecessor
/// never sent. Either way the sockets catch up from the grain's history before they get the batch; and a check-in
/// that shows a version published long enough ago but never received does the same for batches that stopped.
/// </summary>
public sealed partial class SymbolSubscription
{
    /// <summary>Which versions arrived, and whether the grain's reported versions keep arriving.</summary>
    private readonly DeliveryCheck _delivery = new();
    /// <summary>The grain activation whose batches the listeners are in step with; none before the first snapshot.</summary>
    private long? _epoch;
    /// <summary>Listeners may have missed candles: the next batch or check-in catches them up first.</summary>
    private bool _catchUpPending;
    private bool _checkingIn;
    /// <summary>
    /// The newest version of any batch or snapshot taken: a check-in hands it to the grain as the floor of its next
    /// versions, so that an activation on a silo whose clock is behind still publishes versions above it.
    /// </summary>
    private long _newestSeen;

    /// <summary>
    /// A listener's seam: its snapshot, then the batches newer than it. The snapshot counts as received only for the
    /// first started listener: the others are in step with the batches, and a snapshot newer than a batch lost just
    /// before would hide that loss from them (the next batch's predecessor would look received).
    /// </summary>
    private void StartListener(ICandleListener listener, HistorySnapshot snapshot)
    {
        _epoch ??= snapshot.Epoch;
        _newestSeen = Math.Max(_newestSeen, snapshot.Version);
        if (!_listeners.Any(l => l.IsStarted && l != listener)) _delivery.Received(snapshot.Version);
        listener.Start(snapshot, _messages);
    }

    private async ValueTask DeliverAsync(CandleBatch batch)
    {
        _newestSeen = Math.Max(_newestSeen, batch.Version);
        if (_epoch is { } epoch && batch.Epoch != epoch) _catchUpPending = true;
        if (_delivery.Missed(batch.Previous)) _catchUpPending = true;
        var caughtUp = !_catchUpPending || await CatchUpAsync().ConfigureAwait(false);
        // Started listeners would take this batch as their seam, and a later catch-up would send only what is
        // newer, so while a catch-up is still pending they do not get it: the catch-up sends it from the grain's
        // history. The others hold it back against their own snapshot.
        foreach (var listener in _listeners)
        {
            if (caughtUp || !listener.IsStarted) listener.Deliver(batch, _messages);
        }
        // Not received until delivered: the next batch or check-in then sees the gap too.
        if (caughtUp) _delivery.Received(batch.Version);
    }

    /// <summary>Starts a check-in unless one is under way; its answer comes back through the mailbox.</summary>
    private void StartCheckIn()
    {
        if (_checkingIn) return;
        _checkingIn = true;
        _ = CheckInWithGrainAsync(_newestSeen);
    }

    /// <summary>Runs outside the loop, so batches are not held up by the call.</summary>
    private async Task CheckInWithGrainAsync(long seen)
    {
        long? published = null;
        try
        {
            published = await Grain.Watch(_observer, seen).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogCheckInFailed(_logger, ex, _symbol);
        }
        Post(new Command(CommandKind.CheckedIn, Published: published));
    }

    /// <summary>The grain's newest version, or null when the check-in failed.</summary>
    private async ValueTask CheckedInAsync(long? published)
    {
        _checkingIn = false;
        if (published is not { } version) return;
        if (_delivery.IsLost(version))
        {
            LogDeliveryLost(_logger, _symbol);
            _catchUpPending = true;
        }
        // A catch-up that failed is retried here too, so its listeners get their candles even when no batch comes.
        if (_catchUpPending) await CatchUpAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Sends each started listener what reached the grain's history since its last candle: batches may have been
    /// lost with a registration, or never published when the grain was activated anew after its silo died.
    /// False, and still pending, when any timeframe's history could not be had: the next batch or check-in tries again.
    /// </summary>
    private async ValueTask<bool> CatchUpAsync()
    {
        _catchUpPending = false;
        var listeners = _listeners.Where(l => l.IsStarted).ToList();
        var complete = true;
        long? caughtUpTo = null;
        foreach (var group in listeners.GroupBy(l => l.Timeframe))
        {
            try
            {
                var snapshot = await Grain.GetHistory(group.Key, 1_000).ConfigureAwait(false);
                if (snapshot.State != SymbolState.Ready)
                {
                    LogCatchUpUnavailable(_logger, _symbol, snapshot.State);
                    complete = false;
                    continue;
                }
                _epoch = snapshot.Epoch;
                _newestSeen = Math.Max(_newestSeen, snapshot.Version);
                caughtUpTo = Math.Min(caughtUpTo ?? long.MaxValue, snapshot.Version);
                foreach (var listener in group) listener.Resync(snapshot, _messages);
            }
            catch (Exception ex)
            {
                LogCatchUpFailed(_logger, ex, _symbol);
                complete = false;
            }
        }
        if (!complete)
        {
            _catchUpPending = true;
            return false;
        }
        if (caughtUpTo is { } version) _delivery.Received(version);
        if (listeners.Count > 0) LogCaughtUp(_logger, _symbol, listeners.Count);
        return true;
    }
}
