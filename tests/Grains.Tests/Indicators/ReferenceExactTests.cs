using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Indicators;

/// <summary>
/// Every bar of reference-exact.csv (rational arithmetic, rounded to 15 decimals) against our indicators, through both
/// the single-indicator reference classes and <see cref="IndicatorSet"/>, the production computation, bar by bar and
/// as a batch: they must agree within 1e-9.
/// </summary>
public sealed class ReferenceExactTests
{
    private const double Tolerance = 1e-9;
    private static IReadOnlyList<Bar> Quotes => ReferenceData.Quotes;

    private static List<double?> Exact(string column) => ReferenceData.Exact.Select(r => r[column]).ToList();

    [Fact]
    public void Reference_files_line_up_bar_for_bar()
    {
        Assert.Equal(502, Quotes.Count);
        Assert.Equal(Quotes.Count, ReferenceData.Exact.Count);
        for (var i = 0; i < Quotes.Count; i++)
        {
            Assert.Equal(i, ReferenceData.Exact[i].Index);
            Assert.Equal(Quotes[i].Time.ToString("yyyy-MM-dd"), ReferenceData.Exact[i].Date);
        }
    }

    [Fact]
    public void Incremental_true_range_matches()
    {
        var atr = new WilderAtr(14);
        var tr = new List<double?>();
        foreach (var bar in Quotes)
        {
            atr.Add(bar);
            tr.Add(atr.TrueRange);
        }
        SeriesAssert.Close(Exact("tr"), tr, Tolerance, "TR");
    }

    [Theory]
    [InlineData(14, "atr14")]
    [InlineData(20, "atr20")]
    public void Incremental_atr_matches(int period, string column)
    {
        var atr = new WilderAtr(period);
        SeriesAssert.Close(Exact(column), Quotes.Select(atr.Add).ToList(), Tolerance, column);
    }

    [Fact]
    public void Incremental_rsi14_matches()
    {
        var rsi = new WilderRsi(14);
        SeriesAssert.Close(Exact("rsi14"), Quotes.Select(b => rsi.Add(b.Close)).ToList(), Tolerance, "rsi14");
    }

    [Theory]
    [InlineData(20)]
    [InlineData(40)]
    [InlineData(80)]
    [InlineData(160)]
    public void Incremental_sma_matches(int period)
    {
        var sma = new SimpleMovingAverage(period);
        SeriesAssert.Close(Exact($"sma{period}"), Quotes.Select(b => sma.Add(b.Close)).ToList(), Tolerance, $"sma{period}");
    }

    [Theory]
    [InlineData(14, 14, 20, 40, 80)]
    [InlineData(20, 14, 40, 80, 160)]
    [InlineData(20, 14, 160, 20, 40)]
    [InlineData(14, 14, 80, 160, 20)]
    public void Batch_compute_matches_every_column(int atr, int rsi, int maShort, int maMedium, int maLong)
    {
        var settings = new IndicatorOptions
        {
            AtrPeriod = atr, RsiPeriod = rsi, MaShortPeriod = maShort, MaMediumPeriod = maMedium, MaLongPeriod = maLong,
        };
        var values = IndicatorSet.Compute(Quotes, settings);

        Assert.Equal(Quotes.Count, values.Length);
        SeriesAssert.Close(Exact($"atr{atr}"), values.Select(v => v.Atr).ToList(), Tolerance, $"batch atr{atr}");
        SeriesAssert.Close(Exact($"rsi{rsi}"), values.Select(v => v.Rsi).ToList(), Tolerance, $"batch rsi{rsi}");
        SeriesAssert.Close(Exact($"sma{maShort}"), values.Select(v => v.MaShort).ToList(), Tolerance, $"batch short sma{maShort}");
        SeriesAssert.Close(Exact($"sma{maMedium}"), values.Select(v => v.MaMedium).ToList(), Tolerance, $"batch medium sma{maMedium}");
        SeriesAssert.Close(Exact($"sma{maLong}"), values.Select(v => v.MaLong).ToList(), Tolerance, $"batch long sma{maLong}");
    }

    [Fact]
    public void Incremental_indicator_set_matches_batch_and_reference()
    {
        var settings = new IndicatorOptions { AtrPeriod = 14, RsiPeriod = 14, MaShortPeriod = 20, MaMediumPeriod = 40, MaLongPeriod = 80 };
        var set = new IndicatorSet(settings);
        var incremental = Quotes.Select(set.Add).ToList();
        var batch = IndicatorSet.Compute(Quotes, settings);

        Assert.Equal(batch, incremental);
        SeriesAssert.Close(Exact("atr14"), incremental.Select(v => v.Atr).ToList(), Tolerance, "set atr14");
        SeriesAssert.Close(Exact("sma80"), incremental.Select(v => v.MaLong).ToList(), Tolerance, "set sma80");
    }
}
