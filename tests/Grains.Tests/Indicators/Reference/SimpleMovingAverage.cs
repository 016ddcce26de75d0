namespace OrleansMarketData.Tests;

/// <summary>
/// Simple moving average over the last N values, one indicator on its own, as a reference for the averages of
/// <see cref="OrleansMarketData.Indicators.IndicatorSet"/>: null until N values were seen. It keeps the N−1 closed values
/// and their running sum; the sum is recomputed from the window each time the ring wraps, so rounding cannot drift.
/// The newest value stays open, as in <see cref="WilderAtr"/>.
/// </summary>
public sealed class SimpleMovingAverage
{
    private readonly double[] _window;
    private int _next;
    private int _count;
    private double _sum;
    private double _forming;
    private bool _hasForming;

    public SimpleMovingAverage(int period)
    {
        Period = period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period));
        _window = new double[period - 1];
    }

    public int Period { get; }

    public double? Add(double value)
    {
        if (_hasForming) Close(_forming);
        _hasForming = true;
        return Apply(value);
    }

    public double? Revise(double value)
    {
        if (!_hasForming) throw new InvalidOperationException("There is no value to revise.");
        return Apply(value);
    }

    private double? Apply(double value)
    {
        _forming = value;
        return _count == _window.Length ? (_sum + value) / Period : null;
    }

    private void Close(double value)
    {
        if (_window.Length == 0) return;
        if (_count == _window.Length) _sum -= _window[_next];
        else _count++;
        _window[_next] = value;
        _sum += value;
        _next++;
        if (_next == _window.Length)
        {
            _next = 0;
            _sum = 0;
            foreach (var v in _window) _sum += v;
        }
    }
}
