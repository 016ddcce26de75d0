namespace OrleansMarketData.Indicators;

/// <summary>Indicator values of one bar; null during warm-up.</summary>
public readonly record struct IndicatorValues(double? Atr, double? Rsi, double? MaShort, double? MaMedium, double? MaLong)
{
    public static IndicatorValues Of(in IndicatorRow row) =>
        new(Value(row.Atr), Value(row.Rsi), Value(row.MaShort), Value(row.MaMedium), Value(row.MaLong));

    private static double? Value(double value) => double.IsNaN(value) ? null : value;
}
