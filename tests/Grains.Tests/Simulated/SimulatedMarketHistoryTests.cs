using OrleansMarketData.Calendar;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;
using OrleansMarketData.Tests.Aggregation;

namespace OrleansMarketData.Tests.Simulated;

/// <summary><see cref="SimulatedMarket.Bars"/>: history of any timeframe, built from the minute bars that ended by asOf.</summary>
public sealed class SimulatedMarketHistoryTests
{
    private static readonly NyseCalendar Calendar = new();
    private static readonly SimulatedMarket Market = new(Calendar);
    private static readonly SymbolProfile Spy = SymbolUniverse.Find("SPY")!;
    private static readonly DateTimeOffset AsOf = new(2025, 6, 10, 15, 0, 30, TimeSpan.Zero); // Tuesday 11:00:30 New York

    /// <summary>Every minute bar that ended by <paramref name="asOf"/> since <paramref name="from"/>, by brute force.</summary>
    private static List<Bar> MinutesBetween(DateTimeOffset from, DateTimeOffset asOf)
    {
        var bars = new List<Bar>();
        for (var t = from; t + TimeSpan.FromMinutes(1) <= asOf; t += TimeSpan.FromMinutes(1))
        {
            if (Market.MinuteBar(Spy, t) is { } bar) bars.Add(bar);
        }
        return bars;
    }

    private static readonly Lazy<List<Bar>> ThreeWeeks = new(() => MinutesBetween(new DateTimeOffset(2025, 5, 20, 0, 0, 0, TimeSpan.Zero), AsOf));

    [Fact]
    public void Three_weeks_of_minutes_are_exactly_the_minute_bars()
    {
        var expected = ThreeWeeks.Value;
        var bars = Market.Bars(Spy, Timeframe.Minute1, expected.Count, AsOf);

        Assert.Equal(expected, bars);
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 14, 59, 0, TimeSpan.Zero), bars[^1].Time); // 10:59 ended, 11:00 did not
        Assert.True(bars[^1].Time - bars[0].Time > TimeSpan.FromDays(19));
    }

    [Theory]
    [InlineData(Timeframe.Minute5, 300)]
    [InlineData(Timeframe.Minute15, 200)]
    [InlineData(Timeframe.Hour1, 150)]
    public void Intraday_bars_are_the_aggregation_of_the_minutes(Timeframe timeframe, int count)
    {
        var expected = MinuteData.Aggregate(ThreeWeeks.Value, timeframe).TakeLast(count).ToList();
        var bars = Market.Bars(Spy, timeframe, count, AsOf);
        Assert.Equal(expected, Plain(bars));
        AssertTradeFields(ThreeWeeks.Value, timeframe, bars);
    }

    [Fact]
    public void Nothing_starts_at_or_after_asOf()
    {
        foreach (var asOf in new[] { AsOf, new DateTimeOffset(2025, 6, 10, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 6, 14, 12, 0, 0, TimeSpan.Zero) })
        {
            foreach (var timeframe in Timeframes.All)
            {
                var bars = Market.Bars(Spy, timeframe, 50, asOf);
                Assert.Equal(50, bars.Count);
                Assert.All(bars, b => Assert.True(b.Time < asOf, $"{timeframe.Name()} bar {b.Time:O} is not before {asOf:O}"));
            }
        }
        // On the minute mark, the minute that starts then has not ended.
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 14, 59, 0, TimeSpan.Zero),
            Market.Bars(Spy, Timeframe.Minute1, 1, new DateTimeOffset(2025, 6, 10, 15, 0, 0, TimeSpan.Zero))[0].Time);
    }

    [Fact]
    public void Eight_hundred_daily_bars_cover_more_than_three_years_of_trading_days()
    {
        var bars = Market.Bars(Spy, Timeframe.Day1, 800, AsOf);

        Assert.Equal(800, bars.Count);
        Assert.True(bars.Zip(bars.Skip(1)).All(p => p.First.Time < p.Second.Time));
        Assert.True(bars[^1].Time - bars[0].Time > TimeSpan.FromDays(3 * 365));
        foreach (var bar in bars)
        {
            Assert.Equal(MinuteData.BucketOf(bar.Time, Timeframe.Day1), bar.Time); // New York midnight
            Assert.NotNull(Calendar.SessionOn(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(bar.Time, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime)));
        }
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 4, 0, 0, TimeSpan.Zero), bars[^1].Time); // today, still forming
    }

    [Theory]
    [InlineData("2025-06-09")]
    [InlineData("2025-01-14")] // winter: after-hours run past UTC midnight
    [InlineData("2024-11-29")] // early close
    public void Daily_bar_of_a_completed_day_is_the_aggregation_of_its_minutes(string date)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var start = MinuteData.NewYorkToUtc(day, 0);
        var minutes = MinutesBetween(start, MinuteData.NewYorkToUtc(day.AddDays(1), 0));
        var expected = MinuteData.Aggregate(minutes, Timeframe.Day1).Single();

        var bar = Market.Bars(Spy, Timeframe.Day1, 200, AsOf).Single(b => b.Time == start);
        Assert.Equal(expected, Plain([bar]).Single());
        AssertTradeFields(minutes, Timeframe.Day1, [bar]);
    }

    [Fact]
    public void Todays_daily_bar_holds_the_minutes_so_far()
    {
        var today = MinutesBetween(new DateTimeOffset(2025, 6, 10, 4, 0, 0, TimeSpan.Zero), AsOf);
        var bar = Market.Bars(Spy, Timeframe.Day1, 1, AsOf).Single();
        Assert.Equal(MinuteData.Aggregate(today, Timeframe.Day1).Single(), Plain([bar]).Single());
        AssertTradeFields(today, Timeframe.Day1, [bar]);
    }

    /// <summary>The bars without their trade count and VWAP, as <see cref="MinuteData.Aggregate"/> builds them.</summary>
    private static List<Bar> Plain(IEnumerable<Bar> bars) => bars.Select(b => b with { TradeCount = null, Vwap = null }).ToList();

    /// <summary>
    /// Each bar's trade count is its minutes' total, and its VWAP their VWAPs weighted by their volumes, the VWAP of all
    /// their trades (docs/alpaca-compatibility.md, "Trade count and VWAP").
    /// </summary>
    private static void AssertTradeFields(IReadOnlyList<Bar> minutes, Timeframe timeframe, IEnumerable<Bar> bars)
    {
        foreach (var bar in bars)
        {
            var parts = minutes.Where(m => MinuteData.BucketOf(m.Time, timeframe) == bar.Time).ToList();
            Assert.NotEmpty(parts);
            Assert.Equal(parts.Sum(m => m.TradeCount!.Value), bar.TradeCount);
            var vwap = parts.Sum(m => m.Vwap!.Value * m.Volume) / parts.Sum(m => m.Volume);
            Assert.Equal(vwap, bar.Vwap!.Value, 1e-9);
        }
    }
}
