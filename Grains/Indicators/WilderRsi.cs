namespace OrleansMarketData.Indicators;

/// <summary>
/// Relative strength index with Wilder smoothing of gains and losses: null for the first N closes, then
/// 100 − 100 / (1 + avgGain / avgLoss), or 100 when avgLoss is 0; a flat first window (0/0) is null as well.
/// The newest close stays open, as in <see cref="WilderAtr"/>.
/// </summary>
public sealed class WilderRsi(int period)
{
    private State _committed;
    private State _forming;
    private bool _hasForming;

    public int Period { get; } = period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period));

    public double? Add(double close)
    {
        if (_hasForming) _committed = _forming;
        _hasForming = true;
        return Apply(close);
    }

    public double? Revise(double close)
    {
        if (!_hasForming) throw new InvalidOperationException("There is no close to revise.");
        return Apply(close);
    }

    /// <summary>Takes the whole state of <paramref name="other"/> (same period), so a copy can go on from where it is.</summary>
    public void CopyFrom(WilderRsi other)
    {
        if (other.Period != Period) throw new ArgumentException("The periods differ.", nameof(other));
        _committed = other._committed;
        _forming = other._forming;
        _hasForming = other._hasForming;
    }

    private double? Apply(double close)
    {
        var s = _committed;
        double? rsi = null;
        if (s.Count > 0)
        {
            var change = close - s.PreviousClose;
            var gain = change > 0 ? change : 0;
            var loss = change < 0 ? -change : 0;
            if (s.Count <= Period)
            {
                s.GainSum += gain;
                s.LossSum += loss;
                if (s.Count == Period)
                {
                    s.AvgGain = s.GainSum / Period;
                    s.AvgLoss = s.LossSum / Period;
                    // A flat first window has no RSI (0/0); later, no losses at all means 100.
                    rsi = s.AvgGain == 0 && s.AvgLoss == 0 ? null : Rsi(s.AvgGain, s.AvgLoss);
                }
            }
            else
            {
                s.AvgGain = (s.AvgGain * (Period - 1) + gain) / Period;
                s.AvgLoss = (s.AvgLoss * (Period - 1) + loss) / Period;
                rsi = Rsi(s.AvgGain, s.AvgLoss);
            }
        }
        s.PreviousClose = close;
        s.Count++;
        _forming = s;
        return rsi;
    }

    private static double Rsi(double avgGain, double avgLoss) =>
        avgLoss == 0 ? 100 : 100 - 100 / (1 + avgGain / avgLoss);

    private struct State
    {
        public int Count;
        public double PreviousClose;
        public double GainSum;
        public double LossSum;
        public double AvgGain;
        public double AvgLoss;
    }
}
