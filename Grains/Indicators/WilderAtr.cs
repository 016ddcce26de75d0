using OrleansMarketData.Model;

namespace OrleansMarketData.Indicators;

/// <summary>
/// Average true range with Wilder smoothing: null for the first N bars, then the mean of TR[1..N], then
/// (ATR·(N−1) + TR) / N. The newest bar stays open: <see cref="Revise"/> recomputes it from the state before it.
/// </summary>
public sealed class WilderAtr(int period)
{
    private State _committed;
    private State _forming;
    private bool _hasForming;

    public int Period { get; } = period >= 2 ? period : throw new ArgumentOutOfRangeException(nameof(period));

    /// <summary>True range of the newest bar; null for the first bar, which has no previous close.</summary>
    public double? TrueRange { get; private set; }

    /// <summary>Closes the open bar, if any, and opens <paramref name="bar"/> as the newest.</summary>
    public double? Add(Bar bar)
    {
        if (_hasForming) _committed = _forming;
        _hasForming = true;
        return Apply(bar);
    }

    /// <summary>Replaces the newest bar (a forming bar that changed).</summary>
    public double? Revise(Bar bar)
    {
        if (!_hasForming) throw new InvalidOperationException("There is no bar to revise.");
        return Apply(bar);
    }

    public static double TrueRangeOf(Bar bar, double previousClose) =>
        Math.Max(bar.High - bar.Low, Math.Max(Math.Abs(bar.High - previousClose), Math.Abs(bar.Low - previousClose)));

    private double? Apply(Bar bar)
    {
        var s = _committed;
        double? atr = null;
        TrueRange = null;
        if (s.Count > 0)
        {
            var tr = TrueRangeOf(bar, s.PreviousClose);
            TrueRange = tr;
            if (s.Count <= Period)
            {
                s.TrSum += tr;
                if (s.Count == Period) atr = s.TrSum / Period;
            }
            else
            {
                atr = (s.Atr * (Period - 1) + tr) / Period;
            }
        }
        s.Atr = atr ?? 0;
        s.PreviousClose = bar.Close;
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
