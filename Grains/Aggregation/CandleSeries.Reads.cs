using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>The read side of a series: its candles materialised for serving, and bars by time range.</summary>
public sealed partial class CandleSeries
{
    /// <summary>
    /// The newest servable candles, at most <paramref name="limit"/>, oldest first. Until the series changes, the
    /// same objects come back (see <see cref="MaterialisedCandles"/>).
    /// </summary>
    public IReadOnlyList<Candle> Newest(int limit) => _materialised.Newest(_rows, Math.Min(limit, Math.Max(0, _rows.Count - Hidden)));

    /// <summary>
    /// Every cached bar (warm-up of an upserted series included) starting in [<paramref name="start"/>,
    /// <paramref name="end"/>], at most <paramref name="limit"/>, oldest or newest first; <paramref name="next"/> is
    /// the first one left out.
    /// </summary>
    public IReadOnlyList<Bar> Range(DateTimeOffset start, DateTimeOffset end, int limit, bool descending, out DateTimeOffset? next)
    {
        next = null;
        var from = _rows.IndexOf(start.UtcTicks);
        from = from >= 0 ? from : ~from;
        var to = _rows.IndexOf(end.UtcTicks);
        to = to >= 0 ? to + 1 : ~to;
        var count = Math.Max(0, to - from);
        var take = Math.Min(count, limit);
        var bars = new Bar[take];
        for (var i = 0; i < take; i++) bars[i] = _rows.ToBar(descending ? to - 1 - i : from + i);
        if (count > take) next = _rows[descending ? to - 1 - take : from + take].Time;
        return bars;
    }

    /// <summary>The trade count and VWAP of the cached bar at <paramref name="index"/>, kept beside its row.</summary>
    public TradeFields TradesAt(int index) => _rows.TradesAt(index);

    /// <summary>The cached bar at <paramref name="index"/> as a candle, materialised anew.</summary>
    public Candle CandleAt(int index) => _rows.ToCandle(index);

    /// <summary>True once a cached bar had a trade count or VWAP; a series fed bars without them holds only rows.</summary>
    public bool HoldsTradeFields => _rows.HoldsTradeFields;

    /// <summary>Binary search by bar start: the index, or the bitwise complement of the insertion point.</summary>
    public int IndexOf(DateTimeOffset time) => _rows.IndexOf(time.UtcTicks);
}
