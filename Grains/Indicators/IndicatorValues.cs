namespace OrleansMarketData.Indicators;

/// <summary>Indicator values of one bar; null during warm-up.</summary>
public readonly record struct IndicatorValues(double? Atr, double? Rsi, double? MaShort, double? MaMedium, double? MaLong);
