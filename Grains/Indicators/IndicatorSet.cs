using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace OrleansMarketData.Indicators;

/// <summary>
/// All indicators of one bar series (ATR, RSI and three SMAs), updated in O(1) per bar with no allocation. The newest
/// bar stays open: it can be revised any number of times, and joins the state only when the next bar is added. A set
/// can take another's state (<see cref="CopyFrom"/>), so that a series can recompute from a checkpoint instead of from
/// its first bar.
/// </summary>
/// <remarks>
/// The state is plain fields updated in place, one set per series, rather than an object per indicator each copying
/// a state struct per update: a live 1-minute bar takes six of these updates (see <c>SymbolHistory</c>), and the
/// copies and nullable results had cost more than the arithmetic.
/// </remarks>
public sealed partial class IndicatorSet
{
    private readonly WilderSmoothing _atr;
    private readonly WilderSmoothing _rsi;

    // The state after every closed bar.
    private int _closed;
    private double _previousClose;
    private double _atrValue;
    private double _trSum;
    private double _avgGain;
    private double _gainSum;
    private double _avgLoss;
    private double _lossSum;

    // The open bar.
    private bool _isOpen;
    private double _high;
    private double _low;
    private double _close;

    public IndicatorSet(IndicatorOptions settings)
    {
        _atr = new WilderSmoothing(Period(settings.AtrPeriod, 2, nameof(settings.AtrPeriod)));
        _rsi = new WilderSmoothing(Period(settings.RsiPeriod, 1, nameof(settings.RsiPeriod)));
        _shortPeriod = Period(settings.MaShortPeriod, 1, nameof(settings.MaShortPeriod));
        _mediumPeriod = Period(settings.MaMediumPeriod, 1, nameof(settings.MaMediumPeriod));
        _longPeriod = Period(settings.MaLongPeriod, 1, nameof(settings.MaLongPeriod));
        (_shortShare, _mediumShare, _longShare) = (1.0 / _shortPeriod, 1.0 / _mediumPeriod, 1.0 / _longPeriod);
        _window = new double[Math.Max(_shortPeriod, Math.Max(_mediumPeriod, _longPeriod)) - 1];
    }

    /// <summary>Closes the open bar and opens the bar of these prices; <paramref name="values"/> are its indicators.</summary>
    public void Add(double high, double low, double close, out IndicatorRow values)
    {
        Advance(high, low, close);
        Evaluate(out values);
    }

    /// <summary>
    /// <see cref="Add(double, double, double, out IndicatorRow)"/> without computing the values: for a checkpoint,
    /// whose state matters but whose values nobody reads.
    /// </summary>
    public void Advance(double high, double low, double close)
    {
        if (_isOpen) CloseOpenBar();
        (_isOpen, _high, _low, _close) = (true, high, low, close);
    }

    /// <summary>Replaces the open bar with one of these prices; <paramref name="values"/> are its indicators.</summary>
    public void Revise(double high, double low, double close, out IndicatorRow values)
    {
        if (!_isOpen) ThrowNothingToRevise();
        (_high, _low, _close) = (high, low, close);
        Evaluate(out values);
    }

    /// <summary>Takes the whole state of <paramref name="other"/>, which must have the same settings; allocates nothing.</summary>
    public void CopyFrom(IndicatorSet other)
    {
        if (other._atr.Period != _atr.Period || other._rsi.Period != _rsi.Period
            || (other._shortPeriod, other._mediumPeriod, other._longPeriod) != (_shortPeriod, _mediumPeriod, _longPeriod))
            throw new ArgumentException("The periods differ.", nameof(other));
        CopyAveragesFrom(other);
        (_closed, _previousClose) = (other._closed, other._previousClose);
        (_atrValue, _trSum) = (other._atrValue, other._trSum);
        (_avgGain, _gainSum, _avgLoss, _lossSum) = (other._avgGain, other._gainSum, other._avgLoss, other._lossSum);
        (_isOpen, _high, _low, _close) = (other._isOpen, other._high, other._low, other._close);
    }

    /// <summary>Folds the open bar into the state, in place.</summary>
    private void CloseOpenBar()
    {
        var index = _closed;
        if (index > 0)
        {
            _atrValue = _atr.Next(_atrValue, ref _trSum, WilderFormulas.TrueRange(_high, _low, _previousClose), index);
            var change = _close - _previousClose;
            _avgGain = _rsi.Next(_avgGain, ref _gainSum, WilderFormulas.Gain(change), index);
            _avgLoss = _rsi.Next(_avgLoss, ref _lossSum, WilderFormulas.Loss(change), index);
        }
        _previousClose = _close;
        _closed = index + 1;
        CloseAverages(_close);
    }

    /// <summary>The open bar's values: the step <see cref="CloseOpenBar"/> takes, on copies of the state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Evaluate(out IndicatorRow values)
    {
        var index = _closed;
        double atr = double.NaN, rsi = double.NaN;
        if (index > 0)
        {
            var (trSum, gainSum, lossSum) = (_trSum, _gainSum, _lossSum);
            atr = _atr.Next(_atrValue, ref trSum, WilderFormulas.TrueRange(_high, _low, _previousClose), index);
            var change = _close - _previousClose;
            var avgGain = _rsi.Next(_avgGain, ref gainSum, WilderFormulas.Gain(change), index);
            var avgLoss = _rsi.Next(_avgLoss, ref lossSum, WilderFormulas.Loss(change), index);
            rsi = WilderFormulas.Rsi(avgGain, avgLoss, firstWindow: index == _rsi.Period);
        }
        values = new IndicatorRow(atr, rsi,
            AverageWithOpen(_shortPeriod, _shortShare, _shortSum),
            AverageWithOpen(_mediumPeriod, _mediumShare, _mediumSum),
            AverageWithOpen(_longPeriod, _longShare, _longSum));
    }

    private static int Period(int value, int minimum, string name) =>
        value >= minimum ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}");

    [DoesNotReturn]
    private static void ThrowNothingToRevise() => throw new InvalidOperationException("There is no bar to revise.");
}
