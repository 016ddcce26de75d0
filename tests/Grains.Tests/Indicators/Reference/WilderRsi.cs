using OrleansMarketData.Indicators;

namespace OrleansMarketData.Tests;

/// <summary>
/// Relative strength index with Wilder smoothing of gains and losses, one indicator on its own, as a reference for
/// <see cref="IndicatorSet"/>: null for the first N closes, then 100 − 100 / (1 + avgGain / avgLoss), or 100 when
/// avgLoss is 0; a flat first window (0/0) is null as well. The newest close stays open, as in <see cref="WilderAtr"/>.
/// </summary>
public sealed class WilderRsi(int period)
{
    private readonly WilderSmoothing _smoothing = new(period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period)));
    private State _committed;
    private State _forming;
    private bool _hasForming;

    public int Period => _smoothing.Period;

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

    private double? Apply(double close)
    {
        var s = _committed;
        double? rsi = null;
        if (s.Count > 0)
        {
            var change = close - s.PreviousClose;
            s.AvgGain = _smoothing.Next(s.AvgGain, ref s.GainSum, WilderFormulas.Gain(change), s.Count);
            s.AvgLoss = _smoothing.Next(s.AvgLoss, ref s.LossSum, WilderFormulas.Loss(change), s.Count);
            var value = WilderFormulas.Rsi(s.AvgGain, s.AvgLoss, s.Count == Period);
            if (!double.IsNaN(value)) rsi = value;
        }
        s.PreviousClose = close;
        s.Count++;
        _forming = s;
        return rsi;
    }

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
