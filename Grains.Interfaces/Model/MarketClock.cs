namespace OrleansMarketData.Model;

/// <summary>The market's time and its next regular-hours open and close, as Alpaca's <c>/v2/clock</c> reports them.</summary>
[GenerateSerializer, Immutable]
public sealed record MarketClock(
    [property: Id(0)] DateTimeOffset Timestamp,
    [property: Id(1)] bool IsOpen,
    [property: Id(2)] DateTimeOffset NextOpen,
    [property: Id(3)] DateTimeOffset NextClose);
