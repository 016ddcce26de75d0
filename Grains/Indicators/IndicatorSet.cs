using OrleansMarketData.Model;

namespace OrleansMarketData.Indicators;

/// <summary>
/// All indicators of one bar series, updated in O(1) per bar. The newest bar stays open, so a forming bar can be
/// revised any number of times without disturbing the state of the bars before it. A set can take another's state
/// (<see cref="CopyFrom"/>), so that a series can recompute from a checkpoint instead of from its first bar.
/// </summary>
public sealed class IndicatorSet(IndicatorSettings settings)
{
    private readonly WilderAtr _atr = new(settings.AtrPeriod);
    private readonly WilderRsi _rsi = new(settings.RsiPeriod);
    private readonly MovingAverages _averages = new(settings.MaShortPeriod, settings.MaMediumPeriod, settings.MaLongPeriod);

    /// <summary>Closes the open bar and opens <paramref name="bar"/>.</summary>
    public IndicatorValues Add(Bar bar) => Add(bar.High, bar.Low, bar.Close);

    /// <summary>Closes the open bar and opens the bar of these prices.</summary>
    public IndicatorValues Add(double high, double low, double close)
    {
        var atr = _atr.Add(high, low, close);
        var rsi = _rsi.Add(close);
        _averages.Add(close);
        return new(atr, rsi, _averages.Short, _averages.Medium, _averages.Long);
    }

    /// <summary>
    /// <see cref="Add(double, double, double)"/> without computing the values: for a checkpoint, whose state matters
    /// but whose values nobody reads.
    /// </summary>
    public void Advance(double high, double low, double close)
    {
        _atr.Add(high, low, close);
        _rsi.Add(close);
        _averages.Add(close);
    }

    /// <summary>Replaces the open bar.</summary>
    public IndicatorValues Revise(Bar bar) => Revise(bar.High, bar.Low, bar.Close);

    /// <summary>Replaces the open bar with one of these prices.</summary>
    public IndicatorValues Revise(double high, double low, double close)
    {
        var atr = _atr.Revise(high, low, close);
        var rsi = _rsi.Revise(close);
        _averages.Revise(close);
        return new(atr, rsi, _averages.Short, _averages.Medium, _averages.Long);
    }

    /// <summary>Takes the whole state of <paramref name="other"/>, which must have the same settings; allocates nothing.</summary>
    public void CopyFrom(IndicatorSet other)
    {
        _atr.CopyFrom(other._atr);
        _rsi.CopyFrom(other._rsi);
        _averages.CopyFrom(other._averages);
    }

    /// <summary>The batch form: indicator values of every bar of <paramref name="bars"/>, oldest first.</summary>
    public static IndicatorValues[] Compute(IReadOnlyList<Bar> bars, IndicatorSettings settings)
    {
        var set = new IndicatorSet(settings);
        var values = new IndicatorValues[bars.Count];
        for (var i = 0; i < bars.Count; i++) values[i] = set.Add(bars[i]);
        return values;
    }
}
