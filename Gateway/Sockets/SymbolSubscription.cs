using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Grains;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// This gateway's one subscription to a symbol's live batches, shared by all its sockets for that symbol: the
/// gateway's observer is registered with the symbol's grain. Each batch is serialised once per timeframe and
/// queued to every listener. While it has holders it checks in with the grain: that renews the registration
/// (which a grain activated anew has not got), keeps the grain active, and shows whether batches stopped arriving.
/// A batch that follows one never received, or batches that stopped, make it catch its sockets up from the history.
/// </summary>
public sealed partial class SymbolSubscription(
    string symbol, IClusterClient client, ICandleObserver observer, CandleJson json, TimeSpan checkInterval, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _delivering = new(1, 1);
    private readonly Lock _lock = new();
    private readonly DeliveryCheck _delivery = new();
    private readonly List<ICandleListener> _listeners = [];
    private readonly BatchMessages _messages = new(symbol, json);
    private long? _epoch;
    private long _nextCheckIn;
    private int _checkingIn;
    private bool _catchUpPending;
    private int _holders;
    private bool _closed;
    private ISymbolGrain? _grain;

    public string Symbol => symbol;

    /// <summary>Made once: Orleans resolves the interface's type name on every <c>GetGrain</c>, and this is called per check-in.</summary>
    public ISymbolGrain Grain => _grain ??= client.GetGrain<ISymbolGrain>(symbol);

    public void Add(ICandleListener listener)
    {
        lock (_lock) _listeners.Add(listener);
    }

    public void Remove(ICandleListener listener)
    {
        lock (_lock) _listeners.Remove(listener);
    }

    /// <summary>Starts a listener's live updates from a snapshot (its history, if it sends one), with nothing in between.</summary>
    public void Start(ICandleListener listener, HistorySnapshot snapshot)
    {
        lock (_lock)
        {
            _epoch ??= snapshot.Epoch;
            _delivery.Received(snapshot.Version);
            listener.Start(snapshot, _messages);
        }
    }

    /// <summary>Adds a holder, subscribing on the first. False when this subscription already closed.</summary>
    internal async Task<bool> TryHoldAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_closed) return false;
            if (_holders == 0) await OpenAsync();
            _holders++;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Removes a holder, unsubscribing after the last. True when this subscription closed.</summary>
    internal async Task<bool> ReleaseAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (--_holders > 0) return false;
            _closed = true;
            await CloseAsync();
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task OpenAsync()
    {
        await Grain.Watch(observer);
        ScheduleCheckIn(Environment.TickCount64);
        LogSubscribed(logger, symbol);
    }

    private async Task CloseAsync()
    {
        try
        {
            await Grain.Unwatch(observer);
        }
        catch (Exception ex)
        {
            // Not fatal: the registration lapses, and batches for a symbol without a subscription are dropped.
            LogUnsubscribeFailed(logger, ex, symbol);
        }
        LogUnsubscribed(logger, symbol);
    }

    /// <summary>Takes a batch from the gateway's observer, in the order the grain sent them.</summary>
    internal void Receive(CandleBatch batch) => _ = DeliverAsync(batch);

    private async Task DeliverAsync(CandleBatch batch)
    {
        // One batch at a time, and none before a pending catch-up. The semaphore hands itself on in the order
        // the waits began, so batches held up by a catch-up keep their order.
        await _delivering.WaitAsync();
        try
        {
            if (_epoch is { } epoch && batch.Epoch != epoch) _catchUpPending = true;
            if (_delivery.Missed(batch.Previous)) _catchUpPending = true;
            var caughtUp = !_catchUpPending || await CatchUpAsync();
            lock (_lock)
            {
                // Started listeners would take this batch as their seam, and a later catch-up would send only what
                // is newer, so they wait for the catch-up, which sends this batch from the grain's history. The
                // others hold it back against their own snapshot.
                foreach (var listener in _listeners)
                {
                    if (caughtUp || !listener.IsStarted) listener.Deliver(batch, _messages);
                }
            }
            // Not received until delivered: the next batch or check-in then sees the gap too.
            if (caughtUp) _delivery.Received(batch.Version);
        }
        catch (Exception ex)
        {
            LogDeliveryFailed(logger, ex, symbol, batch.Version);
        }
        finally
        {
            _delivering.Release();
        }
    }

    /// <summary>
    /// True when a check-in is due at <paramref name="now"/> (<see cref="Environment.TickCount64"/>), and then schedules
    /// the next. <see cref="SymbolSubscriptions"/> asks every subscription from one timer: a timer per symbol would
    /// put 10,000 timers in the runtime's queue for 10,000 symbols.
    /// </summary>
    internal bool TakeDueCheckIn(long now)
    {
        var due = Volatile.Read(ref _nextCheckIn);
        if (due == 0 || now < due) return false;
        ScheduleCheckIn(now);
        return true;
    }

    private void ScheduleCheckIn(long now) => Volatile.Write(ref _nextCheckIn, now + (long)checkInterval.TotalMilliseconds);

    /// <summary>Checks in with the grain (see the class summary); skipped while the previous one still runs.</summary>
    internal async Task CheckInAsync()
    {
        if (_closed || Interlocked.Exchange(ref _checkingIn, 1) == 1) return;
        try
        {
            var published = await Grain.Watch(observer);
            if (_delivery.IsLost(published))
            {
                LogDeliveryLost(logger, symbol);
                _catchUpPending = true;
            }
            await RetryCatchUpAsync();
        }
        catch (Exception ex)
        {
            LogCheckInFailed(logger, ex, symbol);
        }
        finally
        {
            Volatile.Write(ref _checkingIn, 0);
        }
    }
}
