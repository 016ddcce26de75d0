using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Model;
using OrleansMarketData.Streams;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// This gateway's one subscription to a symbol's candle stream, shared by all its sockets for that symbol. Each
/// batch is serialised once per timeframe and queued to every listener. While it has holders it checks in with
/// the symbol's grain: that keeps the grain active (a stream subscription alone does not) and shows whether
/// batches stopped arriving, in which case it subscribes anew and catches its sockets up from the history.
/// </summary>
public sealed partial class SymbolSubscription(
    string symbol, IClusterClient client, CandleJson json, TimeSpan checkInterval, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _delivering = new(1, 1);
    private readonly Lock _lock = new();
    private readonly DeliveryCheck _delivery = new();
    private readonly List<ICandleListener> _listeners = [];
    private readonly BatchMessages _messages = new(symbol, json);
    private long? _epoch;
    private StreamSubscriptionHandle<CandleBatch>? _handle;
    private CancellationTokenSource? _checks;
    private bool _catchUpPending;
    private int _holders;
    private bool _closed;

    public string Symbol => symbol;

    public ISymbolGrain Grain => client.GetGrain<ISymbolGrain>(symbol);

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

    private IAsyncStream<CandleBatch> Stream =>
        client.GetStreamProvider(StreamNames.Provider).GetStream<CandleBatch>(StreamNames.CandleStream(symbol));

    private async Task OpenAsync()
    {
        _handle = await Stream.SubscribeAsync(OnNextAsync, OnErrorAsync);
        _checks = new CancellationTokenSource();
        _ = CheckInPeriodicallyAsync(_checks.Token);
        LogSubscribed(logger, symbol);
    }

    private async Task CloseAsync()
    {
        _checks?.Cancel();
        try
        {
            if (_handle is not null) await _handle.UnsubscribeAsync();
        }
        catch (Exception ex)
        {
            LogUnsubscribeFailed(logger, ex, symbol);
        }
        LogUnsubscribed(logger, symbol);
    }

    private async Task OnNextAsync(CandleBatch batch, StreamSequenceToken? token)
    {
        // One batch at a time, also across an old and a new subscription, and none before a pending catch-up.
        await _delivering.WaitAsync();
        try
        {
            if (_epoch is { } epoch && batch.Epoch != epoch) _catchUpPending = true;
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
            // Not received until delivered: the check-in then sees the gap too and subscribes anew.
            if (caughtUp) _delivery.Received(batch.Version);
        }
        finally
        {
            _delivering.Release();
        }
    }

    private async Task OnErrorAsync(Exception error)
    {
        LogStreamError(logger, error, symbol);
        await SubscribeAnewAsync();
    }

    /// <summary>Replaces a subscription that failed or stopped delivering, then catches the sockets up.</summary>
    private async Task SubscribeAnewAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_closed || _holders == 0) return;
            // The first batch of the new subscription must not overtake the catch-up.
            _catchUpPending = true;
            try
            {
                if (_handle is not null) await _handle.UnsubscribeAsync();
            }
            catch (Exception ex)
            {
                LogUnsubscribeFailed(logger, ex, symbol);
            }
            _handle = await Stream.SubscribeAsync(OnNextAsync, OnErrorAsync);
            LogResubscribed(logger, symbol);
        }
        catch (Exception ex)
        {
            LogResubscribeFailed(logger, ex, symbol);
        }
        finally
        {
            _gate.Release();
        }

        await RetryCatchUpAsync();
    }

    private async Task CheckInPeriodicallyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(checkInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    var published = await Grain.KeepAlive();
                    await RetryCatchUpAsync();
                    if (!_delivery.IsLost(published)) continue;
                    LogDeliveryLost(logger, symbol);
                    await SubscribeAnewAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogCheckInFailed(logger, ex, symbol);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
