using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Indicators;

/// <summary>
/// A forming bar may be revised any number of times, and each revision recomputes it without corrupting the state:
/// after the last revision carries the true bar, everything must equal a batch run over the final bars.
/// </summary>
public sealed class FormingBarRevisionTests
{
    private const double Tolerance = 1e-12;
    private static IReadOnlyList<Bar> Quotes => ReferenceData.Quotes;

    public static TheoryData<int, int, int, int, int, int> Cases()
    {
        var data = new TheoryData<int, int, int, int, int, int>();
        int[][] settings = [[20, 14, 40, 80, 160], [14, 14, 20, 40, 80], [2, 1, 1, 2, 3]];
        foreach (var position in new[] { 0, 1, 10, 150, 300, 501 })
        {
            foreach (var s in settings) data.Add(position, s[0], s[1], s[2], s[3], s[4]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Revising_one_bar_many_times_ends_where_the_batch_does(int position, int atr, int rsi, int maShort, int maMedium, int maLong)
    {
        var settings = Settings(atr, rsi, maShort, maMedium, maLong);
        var random = new Random(position * 31 + atr);
        var set = new IndicatorSet(settings);
        var results = new List<IndicatorValues>();

        for (var i = 0; i < position; i++) results.Add(set.Add(Quotes[i]));
        set.Add(Perturb(Quotes[position], random));
        for (var r = 0; r < 100; r++) set.Revise(Perturb(Quotes[position], random));
        results.Add(set.Revise(Quotes[position]));
        for (var i = position + 1; i < Quotes.Count; i++) results.Add(set.Add(Quotes[i]));

        AssertSame(IndicatorSet.Compute(Quotes, settings), results);
    }

    [Fact]
    public void Revising_every_bar_ends_where_the_batch_does()
    {
        var settings = Settings(3, 2, 2, 5, 19);
        var random = new Random(7);
        var set = new IndicatorSet(settings);
        var results = new List<IndicatorValues>();
        foreach (var bar in Quotes)
        {
            set.Add(Perturb(bar, random));
            for (var r = 0; r < 5; r++) set.Revise(Perturb(bar, random));
            results.Add(set.Revise(bar));
        }
        AssertSame(IndicatorSet.Compute(Quotes, settings), results);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(300)]
    public void True_range_follows_the_revised_bar(int position)
    {
        var random = new Random(position);
        var atr = new WilderAtr(14);
        var expected = new WilderAtr(14);
        for (var i = 0; i < position; i++)
        {
            atr.Add(Quotes[i]);
            expected.Add(Quotes[i]);
        }
        atr.Add(Perturb(Quotes[position], random));
        for (var r = 0; r < 100; r++) atr.Revise(Perturb(Quotes[position], random));
        var revised = atr.Revise(Quotes[position]);
        var direct = expected.Add(Quotes[position]);

        Assert.Equal(direct, revised);
        Assert.Equal(expected.TrueRange, atr.TrueRange);
        var bar = Quotes[position];
        var previousClose = Quotes[position - 1].Close;
        var hand = Math.Max(bar.High - bar.Low, Math.Max(Math.Abs(bar.High - previousClose), Math.Abs(bar.Low - previousClose)));
        Assert.Equal(hand, atr.TrueRange);
    }

    private static IndicatorOptions Settings(int atr, int rsi, int maShort, int maMedium, int maLong) => new()
    {
        AtrPeriod = atr, RsiPeriod = rsi, MaShortPeriod = maShort, MaMediumPeriod = maMedium, MaLongPeriod = maLong,
    };

    /// <summary>The bar with every price moved by up to ±5 % and a random volume.</summary>
    private static Bar Perturb(Bar bar, Random random)
    {
        double Move(double price) => price * (1 + (random.NextDouble() - 0.5) * 0.1);
        return bar with
        {
            Open = Move(bar.Open), High = Move(bar.High), Low = Move(bar.Low), Close = Move(bar.Close),
            Volume = random.NextInt64(1, 1_000_000_000),
        };
    }

    private static void AssertSame(IReadOnlyList<IndicatorValues> expected, IReadOnlyList<IndicatorValues> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        SeriesAssert.Close(expected.Select(v => v.Atr).ToList(), actual.Select(v => v.Atr).ToList(), Tolerance, "ATR");
        SeriesAssert.Close(expected.Select(v => v.Rsi).ToList(), actual.Select(v => v.Rsi).ToList(), Tolerance, "RSI");
        SeriesAssert.Close(expected.Select(v => v.MaShort).ToList(), actual.Select(v => v.MaShort).ToList(), Tolerance, "MA short");
        SeriesAssert.Close(expected.Select(v => v.MaMedium).ToList(), actual.Select(v => v.MaMedium).ToList(), Tolerance, "MA medium");
        SeriesAssert.Close(expected.Select(v => v.MaLong).ToList(), actual.Select(v => v.MaLong).ToList(), Tolerance, "MA long");
    }
}
