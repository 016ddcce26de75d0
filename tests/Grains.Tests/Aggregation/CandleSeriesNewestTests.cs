using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Tests.Aggregation;

/// <summary>
/// <see cref="CandleSeries.Newest"/> serves the newest bars, oldest first, and never the warm-up bars in front of them
/// (their indicators have not converged) unless the series holds the source's whole history.
/// </summary>
public sealed class CandleSeriesNewestTests
{
    private const int Served = 10;
    private static readonly IndicatorOptions Settings = HistoryAssert.Settings;
    private static readonly int Warmup = Settings.WarmupBars;

    private static readonly List<Bar> Bars = MinuteData.Session(new DateOnly(2025, 6, 10), seed: 31);

    private static CandleSeries NewSeries() => new(Timeframe.Minute1, Served, Settings, new NyseCalendar());

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(Served)]
    [InlineData(Served + 5)]
    public void Upserted_series_hides_the_warmup(int extra)
    {
        var series = NewSeries();
        foreach (var bar in Bars.Take(Warmup + extra)) series.Upsert(bar);

        var expected = Bars.Take(Warmup + extra).TakeLast(Math.Min(extra, Served));
        Assert.Equal(expected, series.Newest(1_000).Select(c => c.Bar));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(40)]
    public void Loaded_partial_history_hides_the_warmup(int count)
    {
        var series = NewSeries();
        series.Load(Bars.Take(count).ToList(), holdsFullHistory: false);

        var servable = Math.Max(0, count - Warmup);
        Assert.Equal(Bars.Take(count).TakeLast(Math.Min(servable, Served)), series.Newest(1_000).Select(c => c.Bar));
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(8, Served)]
    [InlineData(300, Served)]
    public void Loaded_full_history_serves_from_the_first_bar(int count, int expectedCount)
    {
        var series = NewSeries();
        series.Load(Bars.Take(count).ToList(), holdsFullHistory: true);

        Assert.Equal(Bars.Take(count).TakeLast(expectedCount), series.Newest(1_000).Select(c => c.Bar));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(Served)]
    public void Limit_is_respected_and_the_newest_come_oldest_first(int limit)
    {
        var series = NewSeries();
        series.Load(Bars.Take(300).ToList(), holdsFullHistory: false);

        var newest = series.Newest(limit);
        Assert.Equal(Bars.Take(300).TakeLast(limit), newest.Select(c => c.Bar));
        Assert.True(newest.Zip(newest.Skip(1)).All(p => p.First.Time < p.Second.Time));
        Assert.Same(series.Last, newest[^1]);
    }

    [Fact]
    public void Served_indicators_match_a_computation_over_the_whole_history()
    {
        var settings = new IndicatorOptions();
        var all = new SimulatedMarket(new NyseCalendar()).Bars(
            SymbolUniverse.Find("MSFT")!, Timeframe.Minute1, 2_500, new DateTimeOffset(2025, 6, 10, 18, 0, 0, TimeSpan.Zero));
        var series = new CandleSeries(Timeframe.Minute1, 100, settings, new NyseCalendar());
        series.Load(all.TakeLast(series.Capacity).ToList(), holdsFullHistory: false);
        var full = IndicatorSet.Compute(all, settings);

        var served = series.Newest(100);
        Assert.Equal(100, served.Count);
        for (var i = 0; i < served.Count; i++)
        {
            var expected = full[all.Count - served.Count + i];
            Assert.Equal(expected.Atr!.Value, served[i].Atr!.Value, expected.Atr.Value * 1e-6);
            Assert.Equal(expected.Rsi!.Value, served[i].Rsi!.Value, expected.Rsi.Value * 1e-6);
            Assert.Equal(expected.MaLong!.Value, served[i].MaLong!.Value, expected.MaLong.Value * 1e-9);
        }
    }
}
