using System.Runtime.CompilerServices;

namespace OrleansMarketData.Indicators;

/// <summary>
/// The three simple moving averages of close (short, medium, long). They share one window of the newest closed
/// values, as long as the longest period needs: every candle series keeps two indicator sets (live and checkpoint),
/// so one window instead of three saves most of their memory. The open bar's close is added when an average is read.
/// The sums are recomputed from the window each time the ring wraps, so rounding cannot drift.
/// </summary>
public sealed partial class IndicatorSet
{
    private readonly int _shortPeriod;
    private readonly int _mediumPeriod;
    private readonly int _longPeriod;
    /// <summary>1/period of each average: a multiplication per read instead of a division.</summary>
    private readonly double _shortShare;
    private readonly double _mediumShare;
    private readonly double _longShare;
    /// <summary>The newest closed values, a ring of the longest period less one.</summary>
    private readonly double[] _window;
    /// <summary>Each average's sum of its newest N−1 closed values.</summary>
    private double _shortSum;
    private double _mediumSum;
    private double _longSum;
    /// <summary>Where the next closed value goes in <see cref="_window"/>.</summary>
    private int _next;
    /// <summary>Closed values in the window, up to its length.</summary>
    private int _windowed;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double AverageWithOpen(int period, double share, double sum) =>
        _windowed >= period - 1 ? (sum + _close) * share : double.NaN;

    /// <summary>Adds a closed value to the window, the newest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CloseAverages(double value)
    {
        var (window, next, windowed) = (_window, _next, _windowed);
        if (window.Length == 0) return;
        _shortSum = Slide(_shortSum, _shortPeriod, value, window, next, windowed);
        _mediumSum = Slide(_mediumSum, _mediumPeriod, value, window, next, windowed);
        _longSum = Slide(_longSum, _longPeriod, value, window, next, windowed);
        window[next] = value;
        if (windowed < window.Length) _windowed = windowed + 1;
        if (++next < window.Length) _next = next;
        else WrapAverages();
    }

    /// <summary>
    /// A sum of the last N−1 closed values with the newly closed one added and the one leaving it dropped.
    /// <paramref name="next"/> is where the new value goes, so the one leaving is N−1 places before it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Slide(double sum, int period, double value, double[] window, int next, int windowed)
    {
        var held = period - 1;
        if (held == 0) return 0;
        if (windowed >= held)
        {
            var leaving = next - held;
            sum -= window[leaving < 0 ? leaving + window.Length : leaving];
        }
        return sum + value;
    }

    private void CopyAveragesFrom(IndicatorSet other)
    {
        Array.Copy(other._window, _window, _window.Length);
        (_shortSum, _mediumSum, _longSum) = (other._shortSum, other._mediumSum, other._longSum);
        (_next, _windowed) = (other._next, other._windowed);
    }

    /// <summary>Back to the start of the ring, with every sum recomputed from the window.</summary>
    private void WrapAverages()
    {
        _next = 0;
        _shortSum = Resum(_shortPeriod);
        _mediumSum = Resum(_mediumPeriod);
        _longSum = Resum(_longPeriod);
    }

    /// <summary>The sum of the newest N−1 closed values, from the window (the window is full when the ring wraps).</summary>
    private double Resum(int period)
    {
        var sum = 0.0;
        for (var i = 1; i < period; i++) sum += _window[WindowIndex(_next - i)];
        return sum;
    }

    private int WindowIndex(int position) => position < 0 ? position + _window.Length : position;
}
