using System.Runtime.CompilerServices;

namespace OrleansMarketData.Indicators;

/// <summary>
/// Wilder's smoothing over a period N, shared by ATR and RSI: the first average is the mean of the first N values,
/// each later one (average·(N−1) + value) / N. The later steps multiply by (N−1)/N and 1/N, both computed once: a
/// live bar takes some twenty of these steps, and a division costs the divider several cycles where a multiplication
/// pipelines. The two forms agree to the last bit or two, far inside the 1e-9 the reference data asks for.
/// </summary>
public readonly struct WilderSmoothing
{
    private readonly double _keep;
    private readonly double _share;

    public WilderSmoothing(int period)
    {
        Period = period;
        _keep = (period - 1.0) / period;
        _share = 1.0 / period;
    }

    public int Period { get; }

    /// <summary>
    /// The average after the value numbered <paramref name="index"/> (1 for the first): NaN before the N-th, the
    /// mean of the first N at the N-th. Until then <paramref name="seedSum"/> collects the values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Next(double average, ref double seedSum, double value, int index)
    {
        if (index > Period) return average * _keep + value * _share;
        seedSum += value;
        return index == Period ? seedSum / Period : double.NaN;
    }
}
