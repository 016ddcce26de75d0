using OrleansMarketData.Indicators;

namespace OrleansMarketData.Tests;

/// <summary>Indicator values of one bar, null during warm-up: an <see cref="IndicatorRow"/> as the tests compare it.</summary>
public readonly record struct IndicatorValues(double? Atr, double? Rsi, double? MaShort, double? MaMedium, double? MaLong)
{
    public static IndicatorValues Of(in IndicatorRow row) =>
        new(Value(row.Atr), Value(row.Rsi), Value(row.MaShort), Value(row.MaMedium), Value(row.MaLong));

    private static double? Value(double value) => double.IsNaN(value) ? null : value;
}
