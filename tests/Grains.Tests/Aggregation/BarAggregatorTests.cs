using System.Globalization;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Aggregation;

/// <summary>Bucket alignment (intraday on clock minutes and hours, days at New York midnight) and OHLCV merging.</summary>
public sealed class BarAggregatorTests
{
    private static DateTimeOffset T(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    [Theory]
    [InlineData("2025-06-10T13:37:00Z", Timeframe.Minute1, "2025-06-10T13:37:00Z", "2025-06-10T13:38:00Z")]
    [InlineData("2025-06-10T13:37:00Z", Timeframe.Minute5, "2025-06-10T13:35:00Z", "2025-06-10T13:40:00Z")]
    [InlineData("2025-06-10T13:35:00Z", Timeframe.Minute5, "2025-06-10T13:35:00Z", "2025-06-10T13:40:00Z")]
    [InlineData("2025-06-10T13:39:59Z", Timeframe.Minute5, "2025-06-10T13:35:00Z", "2025-06-10T13:40:00Z")]
    [InlineData("2025-06-10T13:44:00Z", Timeframe.Minute15, "2025-06-10T13:30:00Z", "2025-06-10T13:45:00Z")]
    [InlineData("2025-06-10T13:45:00Z", Timeframe.Minute15, "2025-06-10T13:45:00Z", "2025-06-10T14:00:00Z")]
    [InlineData("2025-06-10T13:59:00Z", Timeframe.Hour1, "2025-06-10T13:00:00Z", "2025-06-10T14:00:00Z")]   // 09:00 EDT
    [InlineData("2025-01-14T14:30:00Z", Timeframe.Hour1, "2025-01-14T14:00:00Z", "2025-01-14T15:00:00Z")]   // 09:00 EST
    [InlineData("2025-06-10T23:59:00Z", Timeframe.Hour1, "2025-06-10T23:00:00Z", "2025-06-11T00:00:00Z")]
    public void Intraday_buckets_are_clock_aligned(string time, Timeframe timeframe, string start, string end)
    {
        Assert.Equal(T(start), BarAggregator.BucketStart(T(time), timeframe));
        Assert.Equal(T(end), BarAggregator.BucketEnd(T(start), timeframe));
        Assert.Equal((T(start).UtcTicks, T(end).UtcTicks), BarAggregator.BucketBounds(T(time).UtcTicks, timeframe));
    }

    [Theory]
    [InlineData("2025-06-10T13:37:00Z", "2025-06-10T04:00:00Z", "2025-06-11T04:00:00Z")] // summer: midnight is 04:00Z
    [InlineData("2025-06-10T04:00:00Z", "2025-06-10T04:00:00Z", "2025-06-11T04:00:00Z")]
    [InlineData("2025-06-11T03:59:00Z", "2025-06-10T04:00:00Z", "2025-06-11T04:00:00Z")] // 23:59 New York
    [InlineData("2025-06-11T00:30:00Z", "2025-06-10T04:00:00Z", "2025-06-11T04:00:00Z")] // after UTC midnight, same NY day
    [InlineData("2025-01-14T15:00:00Z", "2025-01-14T05:00:00Z", "2025-01-15T05:00:00Z")] // winter: midnight is 05:00Z
    [InlineData("2025-01-15T00:59:00Z", "2025-01-14T05:00:00Z", "2025-01-15T05:00:00Z")] // 19:59 EST after-hours
    [InlineData("2025-01-14T04:59:00Z", "2025-01-13T05:00:00Z", "2025-01-14T05:00:00Z")] // 23:59 the day before
    [InlineData("2025-03-09T12:00:00Z", "2025-03-09T05:00:00Z", "2025-03-10T04:00:00Z")] // 23-hour day of the spring switch
    [InlineData("2025-11-02T12:00:00Z", "2025-11-02T04:00:00Z", "2025-11-03T05:00:00Z")] // 25-hour day of the autumn switch
    public void Daily_buckets_start_at_new_york_midnight(string time, string start, string end)
    {
        Assert.Equal(T(start), BarAggregator.BucketStart(T(time), Timeframe.Day1));
        Assert.Equal(T(end), BarAggregator.BucketEnd(T(start), Timeframe.Day1));
        Assert.Equal((T(start).UtcTicks, T(end).UtcTicks), BarAggregator.BucketBounds(T(time).UtcTicks, Timeframe.Day1));
    }

    [Fact]
    public void Merge_keeps_the_open_and_time_and_extends_the_rest()
    {
        var bucket = new Bar(T("2025-06-10T13:35:00Z"), 10.00, 10.50, 9.80, 10.20, 1_000);
        var minute = new Bar(T("2025-06-10T13:37:00Z"), 10.20, 10.70, 9.90, 10.60, 300);

        Assert.Equal(new Bar(T("2025-06-10T13:35:00Z"), 10.00, 10.70, 9.80, 10.60, 1_300), BarAggregator.Merge(bucket, minute));

        var lower = minute with { High = 10.30, Low = 9.50, Close = 9.60 };
        Assert.Equal(new Bar(T("2025-06-10T13:35:00Z"), 10.00, 10.50, 9.50, 9.60, 1_300), BarAggregator.Merge(bucket, lower));
    }

    [Fact]
    public void Combine_aggregates_minutes_under_the_bucket_time()
    {
        var minutes = new[]
        {
            new Bar(T("2025-06-10T13:31:00Z"), 20.00, 20.10, 19.90, 20.05, 100),
            new Bar(T("2025-06-10T13:32:00Z"), 20.05, 20.40, 20.00, 20.30, 200),
            new Bar(T("2025-06-10T13:34:00Z"), 20.30, 20.35, 19.70, 19.80, 50),
        };

        Assert.Equal(new Bar(T("2025-06-10T13:30:00Z"), 20.00, 20.40, 19.70, 19.80, 350),
            BarAggregator.Combine(T("2025-06-10T13:30:00Z"), minutes));
        Assert.Equal(minutes[0] with { Time = T("2025-06-10T13:30:00Z") },
            BarAggregator.Combine(T("2025-06-10T13:30:00Z"), minutes.Take(1)));
    }

    [Fact]
    public void Combine_needs_a_minute() =>
        Assert.Throws<ArgumentException>(() => BarAggregator.Combine(T("2025-06-10T13:30:00Z"), []));

    [Theory]
    [InlineData(Timeframe.Minute5)]
    [InlineData(Timeframe.Minute15)]
    [InlineData(Timeframe.Hour1)]
    [InlineData(Timeframe.Day1)]
    public void Buckets_agree_with_the_independent_aggregation(Timeframe timeframe)
    {
        var minutes = MinuteData.Session(new DateOnly(2025, 1, 14), seed: 3);
        foreach (var minute in minutes)
            Assert.Equal(MinuteData.BucketOf(minute.Time, timeframe), BarAggregator.BucketStart(minute.Time, timeframe));

        var combined = minutes.GroupBy(m => BarAggregator.BucketStart(m.Time, timeframe))
            .Select(g => BarAggregator.Combine(g.Key, g)).ToList();
        Assert.Equal(MinuteData.Aggregate(minutes, timeframe), combined);
    }
}
