using OrleansMarketData.Model;

namespace OrleansMarketData.Indicators;

/// <summary>
/// All indicators of one bar series, updated in O(1) per bar. The newest bar stays open, so a forming bar can be
/// revised any number of times without disturbing the state of the bars before it.
/// </summary>
public sealed class IndicatorSet(IndicatorSettings settings)
{
    private readonly WilderAtr _atr = new(settings.AtrPeriod);
    private readonly WilderRsi _rsi = new(settings.RsiPeriod);
    private readonly SimpleMovingAverage _maShort = new(settings.MaShortPeriod);
    private readonly SimpleMovingAverage _maMedium = new(settings.MaMediumPeriod);
    private readonly SimpleMovingAverage _maLong = new(settings.MaLongPeriod);

    /// <summary>Closes the open bar and opens <paramref name="bar"/>.</summary>
    public IndicatorValues Add(Bar bar) => new(
        _atr.Add(bar), _rsi.Add(bar.Close), _maShort.Add(bar.Close), _maMedium.Add(bar.Close), _maLong.Add(bar.Close));

    /// <summary>Replaces the open bar.</summary>
    public IndicatorValues Revise(Bar bar) => new(
        _atr.Revise(bar), _rsi.Revise(bar.Close), _maShort.Revise(bar.Close), _maMedium.Revise(bar.Close), _maLong.Revise(bar.Close));

    /// <summary>The batch form: indicator values of every bar of <paramref name="bars"/>, oldest first.</summary>
    public static IndicatorValues[] Compute(IReadOnlyList<Bar> bars, IndicatorSettings settings)
    {
        var set = new IndicatorSet(settings);
        var values = new IndicatorValues[bars.Count];
        for (var i = 0; i < bars.Count; i++) values[i] = set.Add(bars[i]);
        return values;
    }
}
