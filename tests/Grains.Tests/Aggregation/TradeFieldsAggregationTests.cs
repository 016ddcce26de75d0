using System.Globalization;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Aggregation;

/// <summary>
/// Trade count and VWAP of longer bars, with values worked by hand: the count is the sum of the minutes', the VWAP the
/// minutes' VWAPs weighted by their volumes (docs/alpaca-compatibility.md, "Trade count and VWAP"), and both are
/// unknown when a minute lacks them.
/// </summary>
public sealed class TradeFieldsAggregationTests
{
    private static DateTimeOffset T(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    // 13:30-13:35 UTC on 2025-06-10 (09:30 New York): one 5-minute bucket.
    // Worked by hand: n = 3 + 8 + 4 = 15; vw = (100 x 20.00 + 300 x 20.40 + 100 x 19.80) / 500 = 10100 / 500 = 20.20.
    private static readonly Bar[] Minutes =
    [
        new(T("2025-06-10T13:31:00Z"), 20.00, 20.10, 19.90, 20.05, 100, TradeCount: 3, Vwap: 20.00),
        new(T("2025-06-10T13:32:00Z"), 20.05, 20.50, 20.00, 20.30, 300, TradeCount: 8, Vwap: 20.40),
        new(T("2025-06-10T13:34:00Z"), 20.30, 20.35, 19.70, 19.80, 100, TradeCount: 4, Vwap: 19.80),
    ];

    [Fact]
    public void Combined_bucket_sums_the_trade_counts_and_weights_the_vwaps_by_volume()
    {
        var bucket = BarAggregator.Combine(T("2025-06-10T13:30:00Z"), Minutes);

        Assert.Equal(15, bucket.TradeCount);
        Assert.Equal(20.20, bucket.Vwap!.Value, 10);
        Assert.Equal(500, bucket.Volume);
    }

    [Fact]
    public void Live_minutes_carry_trade_count_and_vwap_into_every_longer_timeframe_as_they_arrive()
    {
        var history = HistoryAssert.NewHistory();
        // After each minute: the count so far, and (2000) / 100, (2000 + 6120) / 400, (2000 + 6120 + 1980) / 500.
        var expected = new[] { (3L, 20.00), (11L, 20.30), (15L, 20.20) };
        for (var i = 0; i < Minutes.Length; i++)
        {
            var updates = history.Updates(Minutes[i]);
            Assert.Equal(Minutes[i], updates.Single(u => u.Timeframe == Timeframe.Minute1).Candle.Bar);
            foreach (var timeframe in new[] { Timeframe.Minute5, Timeframe.Minute15, Timeframe.Hour1, Timeframe.Day1 })
            {
                var bar = updates.Single(u => u.Timeframe == timeframe).Candle.Bar;
                Assert.Equal(expected[i].Item1, bar.TradeCount);
                Assert.Equal(expected[i].Item2, bar.Vwap!.Value, 10);
            }
        }
    }

    [Fact]
    public void Corrected_minute_replaces_its_trade_count_and_vwap_and_its_buckets_are_worked_out_again()
    {
        var history = HistoryAssert.NewHistory();
        foreach (var minute in Minutes) history.Apply(minute);

        // Late trades change 13:32 to 200 shares in 10 trades at 20.10: n = 3 + 10 + 4 = 17,
        // vw = (100 x 20.00 + 200 x 20.10 + 100 x 19.80) / 400 = 8000 / 400 = 20.00.
        var corrected = Minutes[1] with { Volume = 200, TradeCount = 10, Vwap = 20.10 };
        history.Apply(corrected);

        var minutes = history[Timeframe.Minute1].ToCandles();
        Assert.Equal(corrected, minutes.Single(c => c.Time == corrected.Time).Bar);
        var bucket = history[Timeframe.Minute5].Last!.Bar;
        Assert.Equal(17, bucket.TradeCount);
        Assert.Equal(20.00, bucket.Vwap!.Value, 10);
        Assert.Equal(400, bucket.Volume);
    }

    [Fact]
    public void A_minute_without_them_leaves_its_buckets_without_them()
    {
        var history = HistoryAssert.NewHistory();
        history.Apply(Minutes[0]);
        history.Apply(Minutes[1] with { TradeCount = null });
        history.Apply(Minutes[2] with { Vwap = null });

        var bucket = history[Timeframe.Minute5].Last!.Bar;
        Assert.Null(bucket.TradeCount);
        Assert.Null(bucket.Vwap);
        Assert.Equal(500, bucket.Volume);
        // The minutes keep what each had.
        var minutes = history[Timeframe.Minute1].ToCandles().Select(c => c.Bar).ToList();
        Assert.Equal(new long?[] { 3, null, 4 }, minutes.Select(b => b.TradeCount));
        Assert.Equal(new double?[] { 20.00, 20.40, null }, minutes.Select(b => b.Vwap));
    }

    [Fact]
    public void Bucket_without_volume_has_a_trade_count_but_no_vwap()
    {
        var quiet = new[]
        {
            new Bar(T("2025-06-10T13:31:00Z"), 20.00, 20.00, 20.00, 20.00, 0, TradeCount: 1, Vwap: 20.00),
            new Bar(T("2025-06-10T13:32:00Z"), 20.00, 20.00, 20.00, 20.00, 0, TradeCount: 2, Vwap: 20.00),
        };

        var bucket = BarAggregator.Combine(T("2025-06-10T13:30:00Z"), quiet);

        Assert.Equal(3, bucket.TradeCount);
        Assert.Null(bucket.Vwap);
    }

    [Fact]
    public void Simulated_style_bars_without_them_aggregate_without_them()
    {
        var plain = Minutes.Select(m => m with { TradeCount = null, Vwap = null }).ToList();

        var bucket = BarAggregator.Combine(T("2025-06-10T13:30:00Z"), plain);

        Assert.Equal(new Bar(T("2025-06-10T13:30:00Z"), 20.00, 20.50, 19.70, 19.80, 500), bucket);
    }
}
