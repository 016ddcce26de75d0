using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Indicators;

/// <summary>Misuse fails loudly: a revision with nothing to revise, and periods outside the definitions.</summary>
public sealed class IndicatorGuardTests
{
    private static readonly Bar AnyBar = new(new DateTimeOffset(2025, 6, 10, 13, 30, 0, TimeSpan.Zero), 10, 11, 9, 10.5, 100);

    [Fact]
    public void Revise_before_any_add_throws()
    {
        Assert.Throws<InvalidOperationException>(() => new IndicatorSet(new IndicatorOptions()).Revise(AnyBar));
        Assert.Throws<InvalidOperationException>(() => new WilderAtr(14).Revise(AnyBar));
        Assert.Throws<InvalidOperationException>(() => new WilderRsi(14).Revise(10));
        Assert.Throws<InvalidOperationException>(() => new SimpleMovingAverage(20).Revise(10));
    }

    [Fact]
    public void Revise_after_an_add_replaces_the_open_bar()
    {
        var settings = new IndicatorOptions { AtrPeriod = 2, RsiPeriod = 2, MaShortPeriod = 2, MaMediumPeriod = 3, MaLongPeriod = 4 };
        var bars = Enumerable.Range(0, 6).Select(i => AnyBar with { Time = AnyBar.Time.AddMinutes(i), Close = 10 + i % 3 * 0.4 }).ToList();
        var revised = bars[^1] with { High = 11.6, Close = 11.5 };

        var set = new IndicatorSet(settings);
        var before = default(IndicatorValues);
        foreach (var bar in bars) before = set.Add(bar);
        var after = set.Revise(revised);

        // As if the revised bar had been added in the first place, and not as the bar it replaced.
        Assert.Equal(IndicatorSet.Compute([.. bars[..^1], revised], settings)[^1], after);
        Assert.NotEqual(before, after);
        Assert.NotNull(after.MaLong);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-14)]
    public void Atr_period_below_two_throws(int period) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WilderAtr(period));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Rsi_and_sma_period_below_one_throws(int period)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WilderRsi(period));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimpleMovingAverage(period));
    }

    [Fact]
    public void Smallest_valid_periods_are_accepted()
    {
        Assert.Equal(2, new WilderAtr(2).Period);
        Assert.Equal(1, new WilderRsi(1).Period);
        var sma = new SimpleMovingAverage(1);
        Assert.Equal(7.25, sma.Add(7.25));
        Assert.Equal(8.5, sma.Add(8.5));
    }

    [Theory]
    [InlineData(1, 14, 40)]
    [InlineData(20, 0, 40)]
    [InlineData(20, 14, 0)]
    public void Indicator_set_with_a_bad_period_throws(int atr, int rsi, int maShort) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new IndicatorSet(new IndicatorOptions { AtrPeriod = atr, RsiPeriod = rsi, MaShortPeriod = maShort }));

    [Fact]
    public void Settings_validation_names_the_bad_setting()
    {
        var validator = new IndicatorOptionsValidator();
        Assert.True(validator.Validate(null, new IndicatorOptions()).Succeeded);
        Assert.Contains("AtrPeriod", validator.Validate(null, new IndicatorOptions { AtrPeriod = 1 }).FailureMessage);
        Assert.Contains("RsiPeriod", validator.Validate(null, new IndicatorOptions { RsiPeriod = 0 }).FailureMessage);
        Assert.Contains("MaLongPeriod", validator.Validate(null, new IndicatorOptions { MaLongPeriod = 1001 }).FailureMessage);
    }
}
