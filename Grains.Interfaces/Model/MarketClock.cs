namespace OrleansMarketData.Model;

/// <summary>The market's time and its next regular-hours open and close, as Alpaca's <c>/v2/clock</c> reports them.</summary>
[GenerateSerializer, Immutable]
public sealed record MarketClock(
    [property: Id(0)] DateTimeOffset Timestamp,
    [property: Id(1)] bool IsOpen,
    [property: Id(2)] DateTimeOffset NextOpen,
    [property: Id(3)] DateTimeOffset NextClose);

/// <summary>One trading day with its New York hours and the day its trades settle.</summary>
[GenerateSerializer, Immutable]
public sealed record TradingDay(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] TimeOnly SessionOpen,
    [property: Id(2)] TimeOnly Open,
    [property: Id(3)] TimeOnly Close,
    [property: Id(4)] TimeOnly SessionClose,
    [property: Id(5)] DateOnly SettlementDate);
