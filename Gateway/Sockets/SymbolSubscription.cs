using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Model;
using OrleansMarketData.Streams;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// This gateway's one subscription to a symbol's candle stream, shared by all its sockets for that symbol. Each
/// batch is serialised once per timeframe and queued to every listener. While it has holders it also keeps the
/// symbol's grain active, since a stream subscription alone does not.
/// </summary>
public sealed partial class SymbolSubscription(
    string symbol, IClusterClient client, CandleJson json, TimeSpan keepAliveInterval, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<CandleListener> _listeners = [];
    private readonly byte[]?[] _messages = new byte[Timeframes.All.Count][];
    private CandleBatch? _messagesOf;
    private long? _epoch;
    private StreamSubscriptionHandle<CandleBatch>? _handle;
    private CancellationTokenSource? _keepAlive;
    private int _holders;
    private bool _closed;

    public string Symbol => symbol;

    public ISymbolGrain Grain => client.GetGrain<ISymbolGrain>(symbol);

    public void Add(CandleListener listener)
    {
        lock (_lock) _listeners.Add(listener);
    }

    public void Remove(CandleListener listener)
    {
        lock (_lock) _listeners.Remove(listener);
    }

    /// <summary>Sends a listener its history and starts its live updates, with nothing in between.</summary>
    public void Start(CandleListener listener, byte[] history, HistorySnapshot snapshot)
    {
        lock (_lock)
        {
            _epoch ??= snapshot.Epoch;
            listener.Start(history, snapshot, Message);
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
        _keepAlive = new CancellationTokenSource();
        _ = KeepGrainAliveAsync(_keepAlive.Token);
        LogSubscribed(logger, symbol);
    }

    private async Task CloseAsync()
    {
        _keepAlive?.Cancel();
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
        if (_epoch is { } epoch && batch.Epoch != epoch) await ResyncAsync(batch.Epoch);
        lock (_lock)
        {
            foreach (var listener in _listeners) listener.Deliver(batch, Message);
        }
    }

    /// <summary>
    /// The symbol's grain was activated anew (its silo died): bars may have reached its history that no batch
    /// carried. Each started listener catches up from the new activation's history before live batches go on.
    /// </summary>
    private async Task ResyncAsync(long epoch)
    {
        _epoch = epoch;
        CandleListener[] listeners;
        lock (_lock) listeners = _listeners.Where(l => l.IsStarted).ToArray();
        foreach (var group in listeners.GroupBy(l => l.Timeframe))
        {
            try
            {
                var snapshot = await Grain.GetHistory(group.Key, 1_000);
                if (snapshot.State != SymbolState.Ready) continue;
                lock (_lock)
                {
                    foreach (var listener in group) listener.Resync(snapshot, candle => json.BarMessage(symbol, group.Key, candle));
                }
            }
            catch (Exception ex)
            {
                LogResyncFailed(logger, ex, symbol);
            }
        }
        LogResynced(logger, symbol, listeners.Length);
    }

    private async Task OnErrorAsync(Exception error)
    {
        LogStreamError(logger, error, symbol);
        await _gate.WaitAsync();
        try
        {
            if (_closed || _holders == 0) return;
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
    }

    /// <summary>The live message of a timeframe in a batch, serialised once for all listeners (called under the lock).</summary>
    private byte[]? Message(Timeframe timeframe, CandleBatch batch)
    {
        if (!ReferenceEquals(_messagesOf, batch))
        {
            _messagesOf = batch;
            Array.Clear(_messages);
        }
        if (_messages[(int)timeframe] is { } cached) return cached;
        foreach (var update in batch.Updates)
        {
            if (update.Timeframe == timeframe) return _messages[(int)timeframe] = json.BarMessage(symbol, timeframe, update.Candle);
        }
        return null;
    }

    private async Task KeepGrainAliveAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(keepAliveInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await Grain.KeepAlive();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogKeepAliveFailed(logger, ex, symbol);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway subscribed to {Symbol} candles")]
    private static partial void LogSubscribed(ILogger logger, string symbol);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway unsubscribed from {Symbol} candles")]
    private static partial void LogUnsubscribed(ILogger logger, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unsubscribing from {Symbol} candles failed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Symbol} candle stream failed; subscribing again")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway subscribed again to {Symbol} candles")]
    private static partial void LogResubscribed(ILogger logger, string symbol);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscribing again to {Symbol} candles failed")]
    private static partial void LogResubscribeFailed(ILogger logger, Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol} grain was activated anew; {ListenerCount} sockets caught up from its history")]
    private static partial void LogResynced(ILogger logger, string symbol, int listenerCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Catching up {Symbol} sockets from the new grain activation failed")]
    private static partial void LogResyncFailed(ILogger logger, Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keep-alive of the {Symbol} grain failed")]
    private static partial void LogKeepAliveFailed(ILogger logger, Exception exception, string symbol);
}
