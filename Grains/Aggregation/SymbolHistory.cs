using OrleansMarketData.Calendar;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// The candle series of every timeframe of one symbol. 1-minute bars go in; the 1-minute series and each longer
/// timeframe's bucket are updated, and which timeframes changed at the live edge comes out. A longer timeframe takes
/// live minutes once it is live (<see cref="GoLive"/>): a symbol grain loads timeframes when first asked for, and a
/// series not loaded yet has nothing to update.
/// </summary>
public sealed class SymbolHistory
{
    private readonly CandleSeries[] _series;

    /// <summary>
    /// The interval [start, end) of the bucket each timeframe's last minute fell in. Most minutes fall in the same
    /// bucket as the one before, and finding a daily bucket's bounds takes New York time-zone conversions.
    /// </summary>
    private readonly (long Start, long End)[] _buckets;

    /// <summary>The longer timeframes that take live minutes.</summary>
    private readonly bool[] _live;

    /// <param name="allLive">
    /// Every timeframe takes live minutes from the start; otherwise only the 1-minute series, and each longer one from
    /// its <see cref="GoLive"/>.
    /// </param>
    public SymbolHistory(HistoryOptions depth, IndicatorOptions settings, IMarketCalendar calendar, bool allLive = true)
    {
        _series = Timeframes.All.Select(tf => new CandleSeries(tf, depth.ServedBars(tf), settings, calendar)).ToArray();
        _buckets = new (long, long)[_series.Length];
        _live = Timeframes.All.Select(_ => allLive).ToArray();
    }

    public CandleSeries this[Timeframe timeframe] => _series[(int)timeframe];

    private CandleSeries Minutes => _series[(int)Timeframe.Minute1];

    /// <inheritdoc cref="Apply(in CandleRow, in TradeFields)"/>
    public LiveChanges Apply(Bar minute) => Apply(CandleRow.Of(minute), TradeFields.Of(minute));

    /// <summary>
    /// Applies one 1-minute bar: new, a revision, a duplicate or late. Returns the timeframes whose newest candle a
    /// live reader should see again (new or revised); none for a duplicate, for a late bar that only corrected older
    /// history, and for a bar older than the cache. Allocates nothing.
    /// </summary>
    public LiveChanges Apply(in CandleRow minute, in TradeFields trades)
    {
        var minuteChange = Minutes.Upsert(minute, trades);
        if (minuteChange is SeriesChange.None or SeriesChange.BeforeCache) return LiveChanges.None;

        var changes = IsLive(minuteChange) ? LiveChanges.None.With(Timeframe.Minute1) : LiveChanges.None;
        for (var i = 1; i < _series.Length; i++)
        {
            if (!_live[i]) continue;
            var series = _series[i];
            var start = BucketStart(i, minute.Ticks);
            // The usual case, a new minute of the forming bucket, is merged in place.
            if (minuteChange != SeriesChange.Appended || !series.TryExtendNewest(start, minute, trades, out var change))
                change = series.Upsert(BucketBar(series, start, minute, trades, minuteChange, out var bucketTrades), bucketTrades);
            if (IsLive(change)) changes = changes.With(series.Timeframe);
        }
        return changes;
    }

    /// <summary>
    /// Brings a longer timeframe just loaded up to the cached minutes, then lets it take live minutes. Its newest loaded
    /// bucket and every later one, and each bucket a minute held during the load falls in, are rebuilt from the cached
    /// minutes when those cover them: the source's answer may lack minutes the 1-minute series already has (applied
    /// live before the load, held meanwhile, or newer than the source had), and a repeated or revised minute counts
    /// once. A bucket older than the cached minutes takes only the held minutes from <paramref name="loadedTo"/> on,
    /// the latest version of each: the load asked the source for every bar before that.
    /// </summary>
    public void GoLive(Timeframe timeframe, IReadOnlyList<Bar> heldMinutes, DateTimeOffset loadedTo)
    {
        if (timeframe == Timeframe.Minute1) return;
        var i = (int)timeframe;
        var series = _series[i];
        var minutes = Minutes;
        // Each bucket with one of its minutes, and the held minutes a bucket older than the cached minutes takes.
        var buckets = new SortedDictionary<long, (CandleRow Minute, TradeFields Trades, List<Bar> Held)>();
        if (series.Count > 0)
        {
            var first = minutes.IndexOf(new DateTimeOffset(series.LastTicks, TimeSpan.Zero));
            for (var m = first >= 0 ? first : ~first; m < minutes.Count; m++)
                buckets.TryAdd(BucketStart(i, minutes.Row(m).Ticks), (minutes.Row(m), minutes.TradesAt(m), []));
        }
        foreach (var minute in heldMinutes.GroupBy(bar => bar.Time).Select(group => group.Last()).OrderBy(bar => bar.Time))
        {
            var row = CandleRow.Of(minute);
            var start = BucketStart(i, row.Ticks);
            if (!buckets.TryGetValue(start, out var bucket)) buckets[start] = bucket = (row, TradeFields.Of(minute), []);
            if (minute.Time >= loadedTo) bucket.Held.Add(minute);
        }
        foreach (var (start, (minute, trades, held)) in buckets)
        {
            // A revision's path: the bucket is rebuilt from the cached minutes.
            if (CoveredByMinutes(start))
            {
                series.Upsert(BucketBar(series, start, minute, trades, SeriesChange.RevisedLast, out var bucketTrades), bucketTrades);
                continue;
            }
            foreach (var bar in held)
            {
                var change = start > series.LastTicks ? SeriesChange.Appended : SeriesChange.RevisedLast;
                series.Upsert(BucketBar(series, start, CandleRow.Of(bar), TradeFields.Of(bar), change, out var bucketTrades), bucketTrades);
            }
        }
        _live[i] = true;
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

    /// <summary>The cached minutes hold every minute of a bucket starting at <paramref name="startTicks"/>.</summary>
    private bool CoveredByMinutes(long startTicks) =>
        Minutes.Count > 0 && (Minutes.Row(0).Ticks <= startTicks || Minutes.HoldsAllBars);

    /// <summary>The bucket bar a minute leaves in a series, and its trade fields in <paramref name="trades"/>.</summary>
    private CandleRow BucketBar(CandleSeries series, long startTicks, in CandleRow minute, in TradeFields minuteTrades,
        SeriesChange minuteChange, out TradeFields trades)
    {
        // A minute newer than every minute seen that does not extend the newest bucket opens a new one.
        trades = minuteTrades;
        if (minuteChange == SeriesChange.Appended && startTicks > series.LastTicks) return BarAggregator.Open(startTicks, minute);
        var start = new DateTimeOffset(startTicks, TimeSpan.Zero);

        // A revision or a late minute: rebuild the bucket from the cached minutes when they cover it, that is when
        // they start at or before the bucket, or when there are no older minutes (the first bucket of a new symbol).
        var minutes = Minutes;
        if (CoveredByMinutes(startTicks))
        {
            var end = BarAggregator.BucketEnd(start, series.Timeframe);
            var from = minutes.IndexOf(start);
            from = from >= 0 ? from : ~from;
            var to = minutes.IndexOf(end);
            to = to >= 0 ? to : ~to;
            if (from < to)
            {
                var bucket = BarAggregator.Open(startTicks, minutes.Row(from));
                trades = minutes.TradesAt(from);
                for (var i = from + 1; i < to; i++)
                {
                    ref readonly var next = ref minutes.Row(i);
                    trades = TradeFields.Merge(trades, bucket.Volume, minutes.TradesAt(i), next.Volume);
                    bucket = BarAggregator.Merge(bucket, next);
                }
                return bucket;
            }
        }

        var index = series.IndexOf(start);
        if (index < 0) return BarAggregator.Open(startTicks, minute);
        ref readonly var row = ref series.Row(index);
        trades = TradeFields.Merge(series.TradesAt(index), row.Volume, minuteTrades, minute.Volume);
        return BarAggregator.Merge(row, minute);
    }
}
