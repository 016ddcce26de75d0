namespace OrleansMarketData.Indicators;

/// <summary>
/// The indicator values of one bar as a cached candle stores them: plain doubles, NaN while an indicator is still
/// warming up, where a <see cref="Model.Candle"/> has null.
/// </summary>
public readonly record struct IndicatorRow(double Atr, double Rsi, double MaShort, double MaMedium, double MaLong)
{
    public static IndicatorRow None => new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
}
