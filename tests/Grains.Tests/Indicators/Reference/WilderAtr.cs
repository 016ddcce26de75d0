using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests;

/// <summary>
/// Average true range with Wilder smoothing, one indicator on its own, as a reference for <see cref="IndicatorSet"/>,
/// which computes the same with the other indicators of a series: null for the first N bars, then the mean of
/// TR[1..N], then (ATR·(N−1) + TR) / N. The newest bar stays open: <see cref="Revise(Bar)"/> recomputes it from the
/// state before it.
/// </summary>
public sealed class WilderAtr(int period)
{
    private readonly WilderSmoothing _smoothing = new(period >= 2 ? period : throw new ArgumentOutOfRangeException(nameof(period)));
    private State _committed;
    private State _forming;
    private bool _hasForming;

    public int Period => _smoothing.Period;

    /// <summary>True range of the newest bar; null for the first bar, which has no previous close.</summary>
    public double? TrueRange { get; private set; }

    /// <summary>Closes the open bar, if any, and opens <paramref name="bar"/> as the newest.</summary>
    public double? Add(Bar bar) => Add(bar.High, bar.Low, bar.Close);

    /// <summary>Closes the open bar, if any, and opens the bar of these prices as the newest.</summary>
    public double? Add(double high, double low, double close)
    {
        if (_hasForming) _committed = _forming;
        _hasForming = true;
        return Apply(high, low, close);
    }

    /// <summary>Replaces the newest bar (a forming bar that changed).</summary>
    public double? Revise(Bar bar) => Revise(bar.High, bar.Low, bar.Close);

    /// <summary>Replaces the newest bar with one of these prices.</summary>
    public double? Revise(double high, double low, double close)
    {
        if (!_hasForming) throw new InvalidOperationException("There is no bar to revise.");
        return Apply(high, low, close);
    }

    private double? Apply(double high, double low, double close)
    {
        var s = _committed;
        double? atr = null;
        TrueRange = null;
        if (s.Count > 0)
        {
            var tr = WilderFormulas.TrueRange(high, low, s.PreviousClose);
            TrueRange = tr;
            s.Atr = _smoothing.Next(s.Atr, ref s.TrSum, tr, s.Count);
            if (s.Count >= Period) atr = s.Atr;
        }
        s.PreviousClose = close;
        s.Count++;
        _forming = s;
        return atr;
    }

    private struct State
    {
        public int Count;
        public double PreviousClose;
        public double TrSum;
        public double Atr;
    }
}
