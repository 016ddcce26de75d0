using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Gateway.Telemetry;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>
/// An Alpaca stream connection's interest in one symbol: turns its candle batches into <c>b</c>, <c>u</c> and
/// <c>d</c> messages for the channels the connection holds at that moment. A 1-minute candle for a newer minute
/// than the last one seen is a new bar; one for the same minute again is a revision (<c>u</c>), as at Alpaca. Batches
/// that arrive before <see cref="Start"/> are held back and passed on after it when newer than its snapshot: the
/// subscription counts them as received, so no catch-up would bring them again.
/// </summary>
public sealed class AlpacaSymbolListener(
    string symbol, Func<byte[], bool> send, StreamFrames frames, Func<StreamChannels> channels, GatewayMetrics? metrics = null)
    : ICandleListener
{
    /// <summary>More batches than the history can take to load; the oldest go first, the snapshot covers them.</summary>
    private const int MaxHeldBack = 1_000;
    private Queue<CandleBatch>? _heldBack = new();
    private long _version;
    private Bar? _lastMinute;

    public string Symbol => symbol;

    public Timeframe Timeframe => Timeframe.Minute1;

    public bool IsStarted => _heldBack is null;

    /// <summary>Takes the snapshot's version as the seam (the stream sends no history), then what was held back and is newer.</summary>
    public void Start(HistorySnapshot snapshot, BatchMessages messages)
    {
        _version = snapshot.Version;
        _lastMinute = snapshot.Candles.Count > 0 ? snapshot.Candles[^1].Bar : null;
        var heldBack = _heldBack ?? new Queue<CandleBatch>();
        _heldBack = null;
        foreach (var batch in heldBack) Deliver(batch, messages);
    }

    public void Deliver(CandleBatch batch, BatchMessages messages)
    {
        if (_heldBack is not null)
        {
            if (_heldBack.Count == MaxHeldBack) _heldBack.Dequeue();
            _heldBack.Enqueue(batch);
            return;
        }
        if (batch.Version <= _version) return;
        _version = batch.Version;
        var wanted = channels();
        List<StreamBar>? bars = null;
        foreach (var update in batch.Updates)
        {
            var bar = update.Candle.Bar;
            if (update.Timeframe == Timeframe.Minute1 && MinuteMessage(bar, wanted) is { } type) (bars ??= []).Add(new StreamBar(type, bar));
            else if (update.Timeframe == Timeframe.Day1 && wanted.Wants("dailyBars", symbol)) (bars ??= []).Add(new StreamBar('d', bar));
        }
        if (bars is not null && send(frames.Bars(symbol, bars))) metrics?.AlpacaBarsSent(bars.Count);
    }

    /// <summary>Sends the minutes that reached the grain's history since the last one seen, after batches were lost.</summary>
    public void Resync(HistorySnapshot snapshot, BatchMessages messages)
    {
        if (snapshot.Version <= _version) return;
        _version = snapshot.Version;
        if (_lastMinute is not { } last) return;
        var wanted = channels();
        var bars = new List<StreamBar>();
        foreach (var candle in snapshot.Candles)
        {
            if (candle.Time < last.Time || candle.Bar == last) continue;
            if (MinuteMessage(candle.Bar, wanted) is { } type) bars.Add(new StreamBar(type, candle.Bar));
        }
        if (bars.Count > 0 && send(frames.Bars(symbol, bars))) metrics?.AlpacaBarsSent(bars.Count);
    }

    /// <summary>'b', 'u', or null when the connection wants neither; remembers the newest minute either way.</summary>
    private char? MinuteMessage(Bar bar, StreamChannels wanted)
    {
        var isNew = _lastMinute is null || bar.Time > _lastMinute.Time;
        if (isNew || bar.Time == _lastMinute!.Time) _lastMinute = bar;
        return isNew
            ? wanted.Wants("bars", symbol) ? 'b' : null
            : wanted.Wants("updatedBars", symbol) ? 'u' : null;
    }
}
