namespace OrleansMarketData.Model;

/// <summary>
/// One OHLCV bar. <see cref="Time"/> is the start of its interval, in UTC. <see cref="TradeCount"/> and
/// <see cref="Vwap"/> (the volume-weighted average price) are null when the source did not give them (an
/// upstream that leaves them out), and a bar aggregated from parts of which one lacks them has none either
/// (docs/alpaca-compatibility.md). The simulator gives both, from its trades.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Bar(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] double Open,
    [property: Id(2)] double High,
    [property: Id(3)] double Low,
    [property: Id(4)] double Close,
    [property: Id(5)] long Volume,
    [property: Id(6)] long? TradeCount = null,
    [property: Id(7)] double? Vwap = null);
