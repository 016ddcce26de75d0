namespace OrleansMarketData.Model;

/// <summary>
/// A bar of one timeframe with its market status and indicators. Indicators are null during warm-up.
/// The three moving averages are, in order, the configured short, medium and long SMA periods (40/80/160 by default).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Candle(
    [property: Id(0)] Bar Bar,
    [property: Id(1)] MarketStatus Status,
    [property: Id(2)] double? Atr,
    [property: Id(3)] double? Rsi,
    [property: Id(4)] double? MaShort,
    [property: Id(5)] double? MaMedium,
    [property: Id(6)] double? MaLong)
{
    public DateTimeOffset Time => Bar.Time;
}
