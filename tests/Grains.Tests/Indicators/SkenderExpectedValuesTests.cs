using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Indicators;

/// <summary>
/// The values that Stock Indicators for .NET asserts in its own unit tests on the same quotes (expected.csv), at the
/// precision each of its tests uses. EMA rows (EMA, EMA_OPEN, EMA20_OF_RSI) are skipped: this project implements no EMA.
/// ATRP, SMA of opens and SMA of volume are checked because they need nothing beyond our ATR and SMA classes.
/// </summary>
public sealed class SkenderExpectedValuesTests
{
    private const double Money4 = 0.00005;
    private const double Money8 = 5e-9;
    private const double Money12 = 5e-13;

    private static readonly string[] NotImplemented = ["EMA", "EMA_OPEN", "EMA20_OF_RSI"];

    private static IReadOnlyList<Bar> Quotes => ReferenceData.Quotes;

    public static TheoryData<string, int, double> Indicators() => new()
    {
        { "RSI", 14, Money4 },
        { "RSI", 1, 0 },
        { "TR", 1, Money8 },
        { "ATR", 14, Money4 },
        { "ATRP", 14, Money4 },
        { "SMA", 20, Money12 },
        { "SMA_OPEN", 20, Money4 },
        { "SMA_VOLUME", 20, 0 },
    };

    [Theory]
    [MemberData(nameof(Indicators))]
    public void Asserted_values_match_at_the_stated_precision(string indicator, int period, double tolerance)
    {
        var rows = ReferenceData.Expected.Where(r => r.Indicator == indicator && r.Period == period).ToList();
        Assert.NotEmpty(rows);
        var ours = Series(indicator, period);

        foreach (var row in rows)
        {
            Assert.Equal(Quotes[row.Index].Time.ToString("yyyy-MM-dd"), row.Date);
            var actual = ours[row.Index];
            if (row.Value is not { } expected)
            {
                Assert.True(actual is null, $"{indicator}({period})[{row.Index}] should be null, got {actual}");
                continue;
            }
            Assert.True(actual is not null, $"{indicator}({period})[{row.Index}] should be {expected}, got null");
            if (tolerance == 0) Assert.Equal(expected, actual.Value);
            else Assert.True(Math.Abs(actual.Value - expected) < tolerance,
                $"{indicator}({period})[{row.Index}]: expected {expected}, got {actual.Value}");
        }
    }

    [Theory]
    [InlineData("RSI", 14, 488)]
    [InlineData("RSI", 1, 501)]
    [InlineData("ATR", 14, 488)]
    [InlineData("TR", 1, 501)]
    [InlineData("SMA", 20, 483)]
    public void Non_null_counts_match(string indicator, int period, int expectedCount) =>
        Assert.Equal(expectedCount, Series(indicator, period).Count(v => v is not null));

    [Fact]
    public void Only_the_ema_rows_are_skipped()
    {
        var covered = Indicators().Select(row => ((string)row[0], (int)row[1])).ToHashSet();
        var skipped = ReferenceData.Expected.Where(r => !covered.Contains((r.Indicator, r.Period))).Select(r => r.Indicator).Distinct();
        Assert.Equal(NotImplemented.Order(), skipped.Order());
    }

    /// <summary>Our value of an indicator at every bar, fed bar by bar.</summary>
    private static List<double?> Series(string indicator, int period)
    {
        switch (indicator)
        {
            case "RSI":
                var rsi = new WilderRsi(period);
                return Quotes.Select(b => rsi.Add(b.Close)).ToList();
            case "TR":
                var tr = new WilderAtr(14);
                return Quotes.Select(b => { tr.Add(b); return tr.TrueRange; }).ToList();
            case "ATR":
                var atr = new WilderAtr(period);
                return Quotes.Select(atr.Add).ToList();
            case "ATRP":
                var atrp = new WilderAtr(period);
                return Quotes.Select(b => atrp.Add(b) / b.Close * 100).ToList();
            case "SMA":
                var sma = new SimpleMovingAverage(period);
                return Quotes.Select(b => sma.Add(b.Close)).ToList();
            case "SMA_OPEN":
                var smaOpen = new SimpleMovingAverage(period);
                return Quotes.Select(b => smaOpen.Add(b.Open)).ToList();
            case "SMA_VOLUME":
                var smaVolume = new SimpleMovingAverage(period);
                return Quotes.Select(b => smaVolume.Add(b.Volume)).ToList();
            default:
                throw new ArgumentOutOfRangeException(nameof(indicator), indicator, null);
        }
    }
}
