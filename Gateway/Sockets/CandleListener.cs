using OrleansMarketData.Gateway.Telemetry;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// A <c>/ws/candles</c> socket's view of a symbol's candle stream: one timeframe. Until its history has been sent
/// it holds back the batches that arrive, then sends only those newer than the history, so the seam has no gap
/// and no duplicate.
/// </summary>
public sealed class CandleListener(ClientConnection connection, Timeframe timeframe, GatewayMetrics? metrics = null) : ICandleListener
{
    private const int MaxHeldBack = 1_000;
    private List<CandleBatch>? _heldBack = [];
    /// <summary>The newest version this listener has passed on, from history or a batch; older or repeated batches are skipped.</summary>
    private long _version;

    public ClientConnection Connection { get; } = connection;

    public Timeframe Timeframe { get; } = timeframe;

    public bool IsStarted => _heldBack is null;

    /// <summary>The newest candle sent, history included.</summary>
    public Candle? LastSent { get; private set; }

    public void Deliver(CandleBatch batch, BatchMessages messages)
    {
        if (_heldBack is not null)
        {
            if (_heldBack.Count < MaxHeldBack) _heldBack.Add(batch);
            else Connection.Close(SocketClose.Unavailable, "history took too long to load");
            return;
        }
        if (batch.Version <= _version) return;
        _version = batch.Version;
        foreach (var update in batch.Updates)
        {
            if (update.Timeframe != Timeframe || messages.For(Timeframe, batch) is not { } bytes) continue;
            if (Connection.TrySend(bytes)) metrics?.CandleBarSent();
            LastSent = update.Candle;
        }
    }

    /// <summary>Sends the history, then what was held back and is newer.</summary>
    public void Start(HistorySnapshot snapshot, BatchMessages messages)
    {
        _version = snapshot.Version;
        Connection.TrySend(messages.History(Timeframe, snapshot));
        LastSent = snapshot.Candles.Count > 0 ? snapshot.Candles[^1] : null;
        var heldBack = _heldBack ?? [];
        _heldBack = null;
        foreach (var batch in heldBack) Deliver(batch, messages);
    }

    /// <summary>
    /// Catches up from a newer history after the producer changed: sends the candles after the last one sent, and
    /// that one again if it changed meanwhile; then takes the snapshot's version as the new seam.
    /// </summary>
    public void Resync(HistorySnapshot snapshot, BatchMessages messages)
    {
        if (snapshot.Version <= _version) return;
        foreach (var candle in snapshot.Candles)
        {
            if (LastSent is { } last && (candle.Time < last.Time || candle.Bar == last.Bar)) continue;
            if (Connection.TrySend(messages.For(Timeframe, candle, snapshot))) metrics?.CandleBarSent();
            LastSent = candle;
        }
        _version = snapshot.Version;
    }
}
