using System.Runtime.CompilerServices;

namespace OrleansMarketData.Indicators;

/// <summary>
/// Wilder's per-bar definitions behind ATR and RSI: the true range of a bar, the gain and loss of a close, and the RSI
/// of an average gain and loss. <see cref="IndicatorSet"/> computes with them, and so do the single-indicator
/// reference implementations the tests check it against.
/// </summary>
public static class WilderFormulas
{
    /// <summary>The largest of high − low, |high − previous close| and |low − previous close|.</summary>
    // MaxNative is one instruction; Math.Max spends several on NaN and signed-zero rules that finite prices never need.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TrueRange(double high, double low, double previousClose) =>
        double.MaxNative(high - low, double.MaxNative(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Gain(double change) => double.MaxNative(change, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Loss(double change) => double.MaxNative(-change, 0);

    /// <summary>
    /// 100 − 100 / (1 + avgGain / avgLoss), or 100 when avgLoss is 0; NaN while the averages are.
    /// <paramref name="firstWindow"/> says they are the first N changes' means, where no change at all has no RSI.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Rsi(double avgGain, double avgLoss, bool firstWindow) =>
        firstWindow && avgGain == 0 && avgLoss == 0 ? double.NaN
        : avgLoss == 0 ? 100
        // 100 − 100 / (1 + g/l) with one division instead of two.
        : 100 * avgGain / (avgGain + avgLoss);
}
