namespace OrleansMarketData.Indicators;

/// <summary>
/// The three simple moving averages of close (short, medium, long) over one shared window of closed values, each
/// null until its period is full. One window of the longest period replaces three separate ones: every candle series
/// keeps two indicator sets (live and checkpoint), so this saves most of their memory. As in
/// <see cref="SimpleMovingAverage"/>, the sums are recomputed from the window each time the ring wraps, so rounding
/// cannot drift, and the newest value stays open.
/// </summary>
public sealed class MovingAverages
{
    private readonly double[] _window;
    private Average _short;
    private Average _medium;
    private Average _long;
    private int _next;
    private int _count;
    private double _forming;
    private bool _hasForming;

    public MovingAverages(int shortPeriod, int mediumPeriod, int longPeriod)
    {
        _short = new Average(Check(shortPeriod, nameof(shortPeriod)));
        _medium = new Average(Check(mediumPeriod, nameof(mediumPeriod)));
        _long = new Average(Check(longPeriod, nameof(longPeriod)));
        _window = new double[Math.Max(shortPeriod, Math.Max(mediumPeriod, longPeriod)) - 1];
    }

    public double? Short => Value(_short);
    public double? Medium => Value(_medium);
    public double? Long => Value(_long);

    /// <summary>Closes the open value, if any, and opens <paramref name="value"/>.</summary>
    public void Add(double value)
    {
        if (_hasForming) Close(_forming);
        _hasForming = true;
        _forming = value;
    }

    /// <summary>Replaces the open value.</summary>
    public void Revise(double value)
    {
        if (!_hasForming) throw new InvalidOperationException("There is no value to revise.");
        _forming = value;
    }

    /// <summary>Takes the whole state of <paramref name="other"/> (same periods).</summary>
    public void CopyFrom(MovingAverages other)
    {
        if (other._window.Length != _window.Length || other._short.Period != _short.Period || other._medium.Period != _medium.Period)
            throw new ArgumentException("The periods differ.", nameof(other));
        Array.Copy(other._window, _window, _window.Length);
        (_short, _medium, _long) = (other._short, other._medium, other._long);
        (_next, _count, _forming, _hasForming) = (other._next, other._count, other._forming, other._hasForming);
    }

    private double? Value(Average average) =>
        _hasForming && _count >= average.Period - 1 ? (average.Sum + _forming) / average.Period : null;

    private void Close(double value)
    {
        if (_window.Length == 0) return;
        Slide(ref _short, value);
        Slide(ref _medium, value);
        Slide(ref _long, value);
        _window[_next] = value;
        if (_count < _window.Length) _count++;
        if (++_next < _window.Length) return;
        _next = 0;
        Resum(ref _short);
        Resum(ref _medium);
        Resum(ref _long);
    }

    /// <summary>Adds the newly closed value to a sum of the last N−1 closed values, dropping the one that leaves it.</summary>
    private void Slide(ref Average average, double value)
    {
        var n = average.Period - 1;
        if (n == 0) return;
        if (_count >= n) average.Sum -= _window[Wrap(_next - n)];
        average.Sum += value;
    }

    /// <summary>The sum of the newest N−1 closed values, from the window (the window is full when the ring wraps).</summary>
    private void Resum(ref Average average)
    {
        var sum = 0.0;
        for (var i = 1; i < average.Period; i++) sum += _window[Wrap(_next - i)];
        average.Sum = sum;
    }

    private int Wrap(int index) => index < 0 ? index + _window.Length : index;

    private static int Check(int period, string name) => period >= 1 ? period : throw new ArgumentOutOfRangeException(name);

    private struct Average(int period)
    {
        public readonly int Period = period;
        public double Sum;
    }
}
