using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// One socket's view of a symbol's candle stream: one timeframe. Until its history has been sent it holds back the
/// batches that arrive, then sends only those newer than the history, so the seam has no gap and no duplicate.
/// </summary>
public sealed class CandleListener(ClientConnection connection, Timeframe timeframe)
{
    private const int MaxHeldBack = 1_000;
    private List<CandleBatch>? _heldBack = [];
    private long _historyVersion;

    public ClientConnection Connection { get; } = connection;

    public Timeframe Timeframe { get; } = timeframe;

    /// <summary>Called under the subscription's lock, in stream order.</summary>
    public void Deliver(CandleBatch batch, Func<Timeframe, CandleBatch, byte[]?> message)
    {
        if (_heldBack is not null)
        {
            if (_heldBack.Count < MaxHeldBack) _heldBack.Add(batch);
            else Connection.Close(SocketClose.Unavailable, "history took too long to load");
            return;
        }
        if (batch.Version > _historyVersion && message(Timeframe, batch) is { } bytes) Connection.TrySend(bytes);
    }

    /// <summary>Called under the subscription's lock: sends the history, then what was held back and is newer.</summary>
    public void Start(byte[] history, long historyVersion, Func<Timeframe, CandleBatch, byte[]?> message)
    {
        _historyVersion = historyVersion;
        Connection.TrySend(history);
        var heldBack = _heldBack ?? [];
        _heldBack = null;
        foreach (var batch in heldBack) Deliver(batch, message);
    }
}
