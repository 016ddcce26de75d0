using OrleansMarketData.Model;

namespace OrleansMarketData.Indicators;

/// <summary>
/// Average true range with Wilder smoothing: null for the first N bars, then the mean of TR[1..N], then
/// (ATR·(N−1) + TR) / N. The newest bar stays open: <see cref="Revise(Bar)"/> recomputes it from the state before it.
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

    /// <summary>Takes the whole state of <paramref name="other"/> (same period), so a copy can go on from where it is.</summary>
    public void CopyFrom(WilderAtr other)
    {
        if (other.Period != Period) throw new ArgumentException("The periods differ.", nameof(other));
        _committed = other._committed;
        _forming = other._forming;
        _hasForming = other._hasForming;
        TrueRange = other.TrueRange;
    }

    public static double TrueRangeOf(Bar bar, double previousClose) => TrueRangeOf(bar.High, bar.Low, previousClose);

    private static double TrueRangeOf(double high, double low, double previousClose) =>
        Math.Max(high - low, Math.Max(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));

    private double? Apply(double high, double low, double close)
    {
        var s = _committed;
        double? atr = null;
        TrueRange = null;
        if (s.Count > 0)
        {
            var tr = TrueRangeOf(high, low, s.PreviousClose);
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
