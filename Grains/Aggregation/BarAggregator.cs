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
    public static Bar Merge(Bar bucket, Bar minute) => bucket with
    {
        High = Math.Max(bucket.High, minute.High),
        Low = Math.Min(bucket.Low, minute.Low),
        Close = minute.Close,
        Volume = bucket.Volume + minute.Volume,
    };

    /// <summary>A bucket's bar opened by its first minute: the minute's prices under the bucket's start.</summary>
    public static CandleRow Open(long bucketTicks, in CandleRow minute) =>
        new(bucketTicks, minute.Open, minute.High, minute.Low, minute.Close, minute.Volume);

    /// <summary>Adds a later minute to a bucket bar, as values: the live path allocates nothing.</summary>
    public static CandleRow Merge(in CandleRow bucket, in CandleRow minute) =>
        new(bucket.Ticks, bucket.Open, Math.Max(bucket.High, minute.High), Math.Min(bucket.Low, minute.Low), minute.Close,
            bucket.Volume + minute.Volume);

    /// <summary>The bucket bar of consecutive minutes (oldest first, non-empty), stamped <paramref name="bucketStart"/>.</summary>
    public static Bar Combine(DateTimeOffset bucketStart, IEnumerable<Bar> minutes)
    {
        Bar? bar = null;
        foreach (var minute in minutes) bar = bar is null ? minute with { Time = bucketStart } : Merge(bar, minute);
        return bar ?? throw new ArgumentException("A bucket needs at least one minute.", nameof(minutes));
    }
}
