using OrleansMarketData.Calendar;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// The cached candles of one timeframe, oldest first, with indicators kept current bar by bar. It holds at most
/// <c>servedBars + warm-up</c> bars; only the newest <c>servedBars</c> are served, so that every served bar has
/// converged indicators — unless the source had no older bars, in which case all are served.
/// </summary>
public sealed class CandleSeries(Timeframe timeframe, int servedBars, IndicatorSettings settings, IMarketCalendar calendar)
{
    private readonly List<Candle> _candles = [];
    private readonly int _warmup = settings.WarmupBars;
    private IndicatorSet _indicators = new(settings);
    private bool _holdsFullHistory;
    private bool _holdsAllBars = true;

    public Timeframe Timeframe { get; } = timeframe;

    /// <summary>How many bars a full cache holds: the served bars plus the indicator warm-up.</summary>
    public int Capacity => servedBars + _warmup;

    public IReadOnlyList<Candle> Candles => _candles;

    public Candle? Last => _candles.Count == 0 ? null : _candles[^1];

    /// <summary>
    /// True while no bar older than the first cached one exists: the series was only ever upserted, or loaded with
    /// the full history, and nothing has been trimmed since.
    /// </summary>
    public bool HoldsAllBars => _holdsAllBars;

    /// <summary>Replaces the contents with <paramref name="bars"/> (oldest first, distinct times).</summary>
    public void Load(IReadOnlyList<Bar> bars, bool holdsFullHistory)
    {
        _holdsFullHistory = holdsFullHistory;
        _holdsAllBars = holdsFullHistory;
        _candles.Clear();
        _indicators = new IndicatorSet(settings);
        foreach (var bar in bars) _candles.Add(ToCandle(bar, _indicators.Add(bar)));
        Trim();
    }

    public SeriesChange Upsert(Bar bar, out Candle candle)
    {
        if (_candles.Count == 0 || bar.Time > _candles[^1].Time)
        {
            candle = ToCandle(bar, _indicators.Add(bar));
            _candles.Add(candle);
            Trim();
            return SeriesChange.Appended;
        }

        var index = IndexOf(bar.Time);
        if (index >= 0 && _candles[index].Bar == bar)
        {
            candle = _candles[index];
            return SeriesChange.None;
        }
        if (index == _candles.Count - 1)
        {
            // Same start time, so the same market status: a forming bucket is revised every minute, and classifying
            // it again (a time-zone conversion and a calendar lookup) was the largest cost of a live bar.
            var v = _indicators.Revise(bar);
            candle = new Candle(bar, _candles[index].Status, v.Atr, v.Rsi, v.MaShort, v.MaMedium, v.MaLong);
            _candles[index] = candle;
            return SeriesChange.RevisedLast;
        }

        if (index >= 0) _candles[index] = ToCandle(bar, default);
        else _candles.Insert(~index, ToCandle(bar, default));
        Recompute();
        candle = _candles[index >= 0 ? index : ~index];
        return SeriesChange.RevisedEarlier;
    }

    /// <summary>The newest servable candles, at most <paramref name="limit"/>, oldest first.</summary>
    public IReadOnlyList<Candle> Newest(int limit)
    {
        var servable = _holdsFullHistory ? _candles.Count : Math.Max(0, _candles.Count - _warmup);
        var count = Math.Min(limit, Math.Min(servable, servedBars));
        return _candles.GetRange(_candles.Count - count, count);
    }

    /// <summary>
    /// Every cached bar (warm-up included) starting in [<paramref name="start"/>, <paramref name="end"/>], at most
    /// <paramref name="limit"/>, oldest or newest first; <paramref name="next"/> is the first one left out.
    /// </summary>
    public IReadOnlyList<Bar> Range(DateTimeOffset start, DateTimeOffset end, int limit, bool descending, out DateTimeOffset? next)
    {
        next = null;
        var from = IndexOf(start);
        from = from >= 0 ? from : ~from;
        var to = IndexOf(end);
        to = to >= 0 ? to + 1 : ~to;
        var count = Math.Max(0, to - from);
        var take = Math.Min(count, limit);
        var bars = new Bar[take];
        for (var i = 0; i < take; i++) bars[i] = _candles[descending ? to - 1 - i : from + i].Bar;
        if (count > take) next = _candles[descending ? to - 1 - take : from + take].Time;
        return bars;
    }

    /// <summary>Binary search by bar start: the index, or the bitwise complement of the insertion point.</summary>
    public int IndexOf(DateTimeOffset time)
    {
        int lo = 0, hi = _candles.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var cmp = _candles[mid].Time.CompareTo(time);
            if (cmp == 0) return mid;
            if (cmp < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    private void Recompute()
    {
        _indicators = new IndicatorSet(settings);
        for (var i = 0; i < _candles.Count; i++)
        {
            var bar = _candles[i].Bar;
            _candles[i] = ToCandle(bar, _indicators.Add(bar));
        }
    }

    /// <summary>Drops the oldest bars in chunks, so that trimming costs O(1) per bar on average.</summary>
    private void Trim()
    {
        if (_candles.Count <= Capacity + Capacity / 8) return;
        _candles.RemoveRange(0, _candles.Count - Capacity);
        _holdsFullHistory = false;
        _holdsAllBars = false;
    }

    private Candle ToCandle(Bar bar, IndicatorValues v) =>
        new(bar, calendar.Classify(bar.Time, Timeframe), v.Atr, v.Rsi, v.MaShort, v.MaMedium, v.MaLong);
}
