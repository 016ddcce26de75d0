using OrleansMarketData.Calendar;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Tests.Indicators;

/// <summary>
/// <see cref="IndicatorOptions.WarmupBars"/> is how many bars a cache computes before serving one, so that served
/// values are within 1e-6 of a computation over the full history. So an engine that starts k bars late must agree with
/// one that saw everything once it has seen WarmupBars bars.
/// </summary>
public sealed class WarmupConvergenceTests
{
    private const double Relative = 1e-6;

    private static readonly Lazy<IReadOnlyList<Bar>> MinuteBars = new(() =>
        new SimulatedMarket(new NyseCalendar()).Bars(
            SymbolUniverse.Find("TSLA")!, Timeframe.Minute1, 3_000, new DateTimeOffset(2025, 6, 10, 18, 0, 0, TimeSpan.Zero)));

    public static TheoryData<string, int, int, int, int> Cases() => new()
    {
        { "simulated", 50, 20, 14, 40 },
        { "simulated", 333, 20, 14, 160 },
        { "simulated", 50, 14, 14, 20 },
        { "simulated", 50, 50, 30, 10 },
        { "simulated", 50, 2, 2, 1000 },
        { "quotes", 50, 20, 14, 160 },
        { "quotes", 7, 14, 14, 80 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Engine_started_late_agrees_after_the_warmup(string data, int k, int atr, int rsi, int maLong)
    {
        var bars = data == "quotes" ? ReferenceData.Quotes : MinuteBars.Value;
        var settings = new IndicatorOptions
        {
            AtrPeriod = atr, RsiPeriod = rsi, MaShortPeriod = 1, MaMediumPeriod = Math.Min(maLong, 20), MaLongPeriod = maLong,
        };
        var warmup = settings.WarmupBars;
        Assert.True(k + warmup < bars.Count, $"series too short for a warm-up of {warmup}");

        var full = IndicatorSet.Compute(bars, settings);
        var late = IndicatorSet.Compute(bars.Skip(k).ToList(), settings);

        for (var i = k + warmup; i < bars.Count; i++)
        {
            var f = full[i];
            var l = late[i - k];
            AssertRelative(f.Atr, l.Atr, $"ATR at bar {i}");
            AssertRelative(f.Rsi, l.Rsi, $"RSI at bar {i}");
            AssertRelative(f.MaLong, l.MaLong, $"MA({maLong}) at bar {i}");
        }

        // Without the warm-up the two really differ: otherwise this test would prove nothing.
        var seed = k + Math.Max(atr, rsi);
        var early = Enumerable.Range(seed, 50).Max(i => Math.Max(
            RelativeDiff(full[i].Atr, late[i - k].Atr), RelativeDiff(full[i].Rsi, late[i - k].Rsi)));
        Assert.True(early > Relative, $"the engines already agree right after seeding ({early:E1}); the data is too smooth");
    }

    [Fact]
    public void Warmup_covers_the_longest_moving_average()
    {
        var settings = new IndicatorOptions { AtrPeriod = 2, RsiPeriod = 1, MaShortPeriod = 3, MaMediumPeriod = 700, MaLongPeriod = 5 };
        Assert.True(settings.WarmupBars >= 699, $"WarmupBars {settings.WarmupBars} leaves SMA(700) unfilled");
    }

    private static double RelativeDiff(double? expected, double? actual) =>
        expected is { } e && actual is { } a ? Math.Abs(a - e) / Math.Max(Math.Abs(e), 1e-12) : double.PositiveInfinity;

    private static void AssertRelative(double? expected, double? actual, string what)
    {
        Assert.True(expected is not null && actual is not null, $"{what}: expected {expected}, got {actual}");
        var diff = RelativeDiff(expected, actual);
        Assert.True(diff <= Relative, $"{what}: full history {expected}, late start {actual} (relative diff {diff:E2})");
    }
}
