namespace OrleansMarketData.Indicators;

/// <summary>
/// The indicator values of one bar as a cached candle stores them: plain doubles, NaN while an indicator is still
/// warming up. <see cref="IndicatorValues"/> is the same with nulls, for callers.
/// </summary>
public readonly record struct IndicatorRow(double Atr, double Rsi, double MaShort, double MaMedium, double MaLong)
{
    public static IndicatorRow None => new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
}
