using OrleansMarketData.Calendar;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// The candle series of every timeframe of one symbol. 1-minute bars go in; the 1-minute series and each longer
/// timeframe's bucket are updated, and the candles that changed at the live edge come out.
/// </summary>
public sealed class SymbolHistory
{
    private readonly CandleSeries[] _series;

    /// <summary>
    /// The interval [start, end) of the bucket each timeframe's last minute fell in. Most minutes fall in the same
    /// bucket as the one before, and finding a daily bucket's bounds takes New York time-zone conversions.
    /// </summary>
    private readonly (DateTimeOffset Start, DateTimeOffset End)[] _buckets;

    public SymbolHistory(HistoryDepth depth, IndicatorSettings settings, IMarketCalendar calendar)
    {
        _series = Timeframes.All.Select(tf => new CandleSeries(tf, depth.ServedBars(tf), settings, calendar)).ToArray();
        _buckets = new (DateTimeOffset, DateTimeOffset)[_series.Length];
    }

    public CandleSeries this[Timeframe timeframe] => _series[(int)timeframe];

    private CandleSeries Minutes => _series[(int)Timeframe.Minute1];

    /// <summary>
    /// Applies one 1-minute bar: new, a revision, a duplicate or late. Returns the candles a live reader should see
    /// (new or revised newest candles); empty for a duplicate, and for a late bar that only corrected older history.
    /// </summary>
    public IReadOnlyList<TimeframeCandle> Apply(Bar minute)
    {
        var minuteChange = Minutes.Upsert(minute, out var minuteCandle);
        if (minuteChange == SeriesChange.None) return [];

        var updates = new List<TimeframeCandle>(_series.Length);
        if (IsLive(minuteChange)) updates.Add(new TimeframeCandle(Timeframe.Minute1, minuteCandle));
        for (var i = 1; i < _series.Length; i++)
        {
            var series = _series[i];
            var bucket = BucketBar(series, BucketStart(i, minute.Time), minute, minuteChange);
            if (IsLive(series.Upsert(bucket, out var candle))) updates.Add(new TimeframeCandle(series.Timeframe, candle));
        }
        return updates;
    }

    private static bool IsLive(SeriesChange change) => change is SeriesChange.Appended or SeriesChange.RevisedLast;

    private DateTimeOffset BucketStart(int series, DateTimeOffset minute)
    {
        var (start, end) = _buckets[series];
        if (minute >= start && minute < end) return start;
        var timeframe = _series[series].Timeframe;
        start = BarAggregator.BucketStart(minute, timeframe);
        _buckets[series] = (start, BarAggregator.BucketEnd(start, timeframe));
        return start;
    }

    private Bar BucketBar(CandleSeries series, DateTimeOffset start, Bar minute, SeriesChange minuteChange)
    {
        var last = series.Last;
        if (minuteChange == SeriesChange.Appended)
        {
            // The minute is newer than every minute seen, so it extends the newest bucket or opens a new one.
            if (last is null || start > last.Time) return minute with { Time = start };
            if (start == last.Time) return BarAggregator.Merge(last.Bar, minute);
        }

        // A revision or a late minute: rebuild the bucket from the cached minutes when they cover it, that is when
        // they start at or before the bucket, or when there are no older minutes (the first bucket of a new symbol).
        var minutes = Minutes.Candles;
        if (minutes.Count > 0 && (minutes[0].Time <= start || Minutes.HoldsAllBars))
        {
            var end = BarAggregator.BucketEnd(start, series.Timeframe);
            var from = Minutes.IndexOf(start);
            from = from >= 0 ? from : ~from;
            var to = Minutes.IndexOf(end);
            to = to >= 0 ? to : ~to;
            return BarAggregator.Combine(start, minutes.Skip(from).Take(to - from).Select(c => c.Bar));
        }

        var index = series.IndexOf(start);
        return index >= 0 ? BarAggregator.Merge(series.Candles[index].Bar, minute) : minute with { Time = start };
    }
}
