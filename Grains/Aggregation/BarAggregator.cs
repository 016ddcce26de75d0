using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// Combines 1-minute bars into longer bars aligned as Alpaca aligns them: intraday bars on clock-aligned minutes
/// and hours (New York offsets are whole hours, so UTC alignment is New York alignment), daily bars at New York midnight.
/// </summary>
public static class BarAggregator
{
    /// <summary>Start of the <paramref name="timeframe"/> interval that contains <paramref name="time"/>.</summary>
    public static DateTimeOffset BucketStart(DateTimeOffset time, Timeframe timeframe)
    {
        if (timeframe == Timeframe.Day1) return NewYorkTime.StartOfDay(NewYorkTime.DateOf(time));
        var utc = time.UtcTicks;
        var length = timeframe.IntradayLength().Ticks;
        return new DateTimeOffset(utc - utc % length, TimeSpan.Zero);
    }

    /// <summary>Start of the interval after the one that starts at <paramref name="bucketStart"/>.</summary>
    public static DateTimeOffset BucketEnd(DateTimeOffset bucketStart, Timeframe timeframe) =>
        timeframe == Timeframe.Day1
            ? NewYorkTime.StartOfDay(NewYorkTime.DateOf(bucketStart).AddDays(1))
            : bucketStart + timeframe.IntradayLength();

    /// <summary>
    /// The interval [start, end) of the <paramref name="timeframe"/> bucket that contains <paramref name="utcTicks"/>,
    /// in UTC ticks: for an intraday timeframe plain arithmetic, as a live minute that opens a bucket needs it.
    /// </summary>
    public static (long Start, long End) BucketBounds(long utcTicks, Timeframe timeframe)
    {
        if (timeframe == Timeframe.Day1)
        {
            var day = BucketStart(new DateTimeOffset(utcTicks, TimeSpan.Zero), timeframe);
            return (day.UtcTicks, BucketEnd(day, timeframe).UtcTicks);
        }
        var length = timeframe.IntradayLength().Ticks;
        var start = utcTicks - utcTicks % length;
        return (start, start + length);
    }

    /// <summary>Adds a later minute to a bucket bar.</summary>
    public static Bar Merge(Bar bucket, Bar minute)
    {
        var vwap = MergeVwap(bucket.Vwap ?? double.NaN, bucket.Volume, minute.Vwap ?? double.NaN, minute.Volume);
        return bucket with
        {
            High = Math.Max(bucket.High, minute.High),
            Low = Math.Min(bucket.Low, minute.Low),
            Close = minute.Close,
            Volume = bucket.Volume + minute.Volume,
            TradeCount = bucket.TradeCount + minute.TradeCount,
            Vwap = double.IsNaN(vwap) ? null : vwap,
        };
    }

    /// <summary>
    /// A bucket's bar opened by its first minute: the minute's prices under the bucket's start (its trade fields are
    /// the minute's as they are).
    /// </summary>
    public static CandleRow Open(long bucketTicks, in CandleRow minute) =>
        new(bucketTicks, minute.Open, minute.High, minute.Low, minute.Close, minute.Volume);

    /// <summary>
    /// Adds a later minute to a bucket bar, as values: the live path allocates nothing. The trade fields merge apart,
    /// by <see cref="TradeFields.Merge"/> with the volumes before this merge.
    /// </summary>
    public static CandleRow Merge(in CandleRow bucket, in CandleRow minute) =>
        new(bucket.Ticks, bucket.Open, Math.Max(bucket.High, minute.High), Math.Min(bucket.Low, minute.Low), minute.Close,
            bucket.Volume + minute.Volume);

    /// <summary>
    /// The trade count of two parts of a bar together: their sum, or unknown (<see cref="TradeFields.NoCount"/>)
    /// when either part's is unknown. Alpaca counts a longer bar's trades as its minutes' (docs/alpaca-compatibility.md,
    /// "Trade count and VWAP").
    /// </summary>
    public static long MergeTradeCount(long bucket, long minute) =>
        bucket < 0 || minute < 0 ? TradeFields.NoCount : bucket + minute;

    /// <summary>
    /// The VWAP of two parts of a bar together: the mean of their VWAPs weighted by their volumes, which is the VWAP of
    /// all their trades, as Alpaca computes a longer bar's from the trades in it (docs/alpaca-compatibility.md, "Trade
    /// count and VWAP"). NaN (unknown) when either part has none, or when neither has volume to weight by.
    /// </summary>
    public static double MergeVwap(double bucketVwap, long bucketVolume, double minuteVwap, long minuteVolume)
    {
        if (double.IsNaN(bucketVwap) || double.IsNaN(minuteVwap)) return double.NaN;
        // A part without volume weighs nothing; this keeps the other part's value exact.
        if (minuteVolume == 0) return bucketVolume == 0 ? double.NaN : bucketVwap;
        if (bucketVolume == 0) return minuteVwap;
        return (bucketVwap * bucketVolume + minuteVwap * minuteVolume) / (bucketVolume + minuteVolume);
    }

    /// <summary>The bucket bar of consecutive minutes (oldest first, non-empty), stamped <paramref name="bucketStart"/>.</summary>
    public static Bar Combine(DateTimeOffset bucketStart, IEnumerable<Bar> minutes)
    {
        Bar? bar = null;
        foreach (var minute in minutes) bar = bar is null ? minute with { Time = bucketStart } : Merge(bar, minute);
        return bar ?? throw new ArgumentException("A bucket needs at least one minute.", nameof(minutes));
    }
}
