using OrleansMarketData.Calendar;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// The candle series of every timeframe of one symbol. 1-minute bars go in; the 1-minute series and each longer
/// timeframe's bucket are updated, and which timeframes changed at the live edge comes out.
/// </summary>
public sealed class SymbolHistory
{
    private readonly CandleSeries[] _series;

    /// <summary>
    /// The interval [start, end) of the bucket each timeframe's last minute fell in. Most minutes fall in the same
    /// bucket as the one before, and finding a daily bucket's bounds takes New York time-zone conversions.
    /// </summary>
    private readonly (long Start, long End)[] _buckets;

    public SymbolHistory(HistoryOptions depth, IndicatorOptions settings, IMarketCalendar calendar)
    {
        _series = Timeframes.All.Select(tf => new CandleSeries(tf, depth.ServedBars(tf), settings, calendar)).ToArray();
        _buckets = new (long, long)[_series.Length];
    }

    public CandleSeries this[Timeframe timeframe] => _series[(int)timeframe];

    private CandleSeries Minutes => _series[(int)Timeframe.Minute1];

    /// <inheritdoc cref="Apply(in CandleRow)"/>
    public LiveChanges Apply(Bar minute) => Apply(CandleRow.Of(minute));

    /// <summary>
    /// Applies one 1-minute bar: new, a revision, a duplicate or late. Returns the timeframes whose newest candle a
    /// live reader should see again (new or revised); none for a duplicate, for a late bar that only corrected older
    /// history, and for a bar older than the cache. Allocates nothing.
    /// </summary>
    public LiveChanges Apply(in CandleRow minute)
    {
        var minuteChange = Minutes.Upsert(minute);
        if (minuteChange is SeriesChange.None or SeriesChange.BeforeCache) return LiveChanges.None;

        var changes = IsLive(minuteChange) ? LiveChanges.None.With(Timeframe.Minute1) : LiveChanges.None;
        for (var i = 1; i < _series.Length; i++)
        {
            var series = _series[i];
            var start = BucketStart(i, minute.Ticks);
            // The usual case, a new minute of the forming bucket, is merged in place.
            if (minuteChange != SeriesChange.Appended || !series.TryExtendNewest(start, minute, out var change))
                change = series.Upsert(BucketBar(series, start, minute, minuteChange));
            if (IsLive(change)) changes = changes.With(series.Timeframe);
        }
        return changes;
    }

    /// <summary>The newest candle of each changed timeframe, in timeframe order: what a candle batch carries.</summary>
    public List<TimeframeCandle> NewestCandles(LiveChanges changes)
    {
        var candles = new List<TimeframeCandle>(changes.Count);
        foreach (var series in _series)
        {
            if (changes.Contains(series.Timeframe)) candles.Add(new TimeframeCandle(series.Timeframe, series.Last!));
        }
        return candles;
    }

    private static bool IsLive(SeriesChange change) => change is SeriesChange.Appended or SeriesChange.RevisedLast;

    /// <summary>Start of the bucket of <paramref name="minute"/> (UTC ticks) in a series.</summary>
    private long BucketStart(int series, long minute)
    {
        var (start, end) = _buckets[series];
        return minute >= start && minute < end ? start : FindBucket(series, minute);
    }

    private long FindBucket(int series, long minute)
    {
        _buckets[series] = BarAggregator.BucketBounds(minute, _series[series].Timeframe);
        return _buckets[series].Start;
    }

    private CandleRow BucketBar(CandleSeries series, long startTicks, in CandleRow minute, SeriesChange minuteChange)
    {
        // A minute newer than every minute seen that does not extend the newest bucket opens a new one.
        if (minuteChange == SeriesChange.Appended && startTicks > series.LastTicks) return BarAggregator.Open(startTicks, minute);
        var start = new DateTimeOffset(startTicks, TimeSpan.Zero);

        // A revision or a late minute: rebuild the bucket from the cached minutes when they cover it, that is when
        // they start at or before the bucket, or when there are no older minutes (the first bucket of a new symbol).
        var minutes = Minutes;
        if (minutes.Count > 0 && (minutes.Row(0).Ticks <= startTicks || minutes.HoldsAllBars))
        {
            var end = BarAggregator.BucketEnd(start, series.Timeframe);
            var from = minutes.IndexOf(start);
            from = from >= 0 ? from : ~from;
            var to = minutes.IndexOf(end);
            to = to >= 0 ? to : ~to;
            if (from < to)
            {
                var bucket = BarAggregator.Open(startTicks, minutes.Row(from));
                for (var i = from + 1; i < to; i++) bucket = BarAggregator.Merge(bucket, minutes.Row(i));
                return bucket;
            }
        }

        var index = series.IndexOf(start);
        return index >= 0 ? BarAggregator.Merge(series.Row(index), minute) : BarAggregator.Open(startTicks, minute);
    }
}
