using System.Runtime.CompilerServices;

namespace OrleansMarketData.Indicators;

/// <summary>
/// Relative strength index with Wilder smoothing of gains and losses, one indicator on its own: null for the first N
/// closes, then 100 − 100 / (1 + avgGain / avgLoss), or 100 when avgLoss is 0; a flat first window (0/0) is null as
/// well. The newest close stays open, as in <see cref="WilderAtr"/>. <see cref="IndicatorSet"/> computes the same
/// with the other indicators of a series.
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Gain(double change) => double.MaxNative(change, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Loss(double change) => double.MaxNative(-change, 0);

    /// <summary>
    /// The RSI of these average gain and loss (NaN while they are); <paramref name="firstWindow"/> says they are the
    /// first N changes' means, where no change at all has no RSI.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Value(double avgGain, double avgLoss, bool firstWindow) =>
        firstWindow && avgGain == 0 && avgLoss == 0 ? double.NaN
        : avgLoss == 0 ? 100
        // 100 − 100 / (1 + g/l) with one division instead of two.
        : 100 * avgGain / (avgGain + avgLoss);

    private double? Apply(double close)
    {
        var s = _committed;
        double? rsi = null;
        if (s.Count > 0)
        {
            var change = close - s.PreviousClose;
            s.AvgGain = _smoothing.Next(s.AvgGain, ref s.GainSum, Gain(change), s.Count);
            s.AvgLoss = _smoothing.Next(s.AvgLoss, ref s.LossSum, Loss(change), s.Count);
            var value = Value(s.AvgGain, s.AvgLoss, s.Count == Period);
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
