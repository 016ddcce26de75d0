namespace OrleansMarketData.Model;

/// <summary>One OHLCV bar. <see cref="Time"/> is the start of its interval, in UTC.</summary>
[GenerateSerializer, Immutable]
public sealed record Bar(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] double Open,
    [property: Id(2)] double High,
    [property: Id(3)] double Low,
    [property: Id(4)] double Close,
    [property: Id(5)] long Volume);
