using System.Runtime.CompilerServices;
using OrleansMarketData.Model;

namespace OrleansMarketData.Indicators;

/// <summary>
/// Average true range with Wilder smoothing, one indicator on its own: null for the first N bars, then the mean of
/// TR[1..N], then (ATR·(N−1) + TR) / N. The newest bar stays open: <see cref="Revise(Bar)"/> recomputes it from the
/// state before it. <see cref="IndicatorSet"/> computes the same with the other indicators of a series.
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

    public static double TrueRangeOf(Bar bar, double previousClose) => TrueRangeOf(bar.High, bar.Low, previousClose);

    // MaxNative is one instruction; Math.Max spends several on NaN and signed-zero rules that finite prices never need.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TrueRangeOf(double high, double low, double previousClose) =>
        double.MaxNative(high - low, double.MaxNative(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));

    private double? Apply(double high, double low, double close)
    {
        var s = _committed;
        double? atr = null;
        TrueRange = null;
        if (s.Count > 0)
        {
            var tr = TrueRangeOf(high, low, s.PreviousClose);
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
