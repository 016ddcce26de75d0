namespace OrleansMarketData.Model;

/// <summary>
/// A bar of one timeframe with its market status and indicators. Indicators are null during warm-up.
/// The three moving averages are the short, medium and long simple moving averages of the close; their periods come
/// with the candles, in <see cref="MovingAveragePeriods"/>.
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
