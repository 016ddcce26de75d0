namespace OrleansMarketData.Model;

/// <summary>One trading day with its New York hours and the day its trades settle.</summary>
[GenerateSerializer, Immutable]
public sealed record TradingDay(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] TimeOnly SessionOpen,
    [property: Id(2)] TimeOnly Open,
    [property: Id(3)] TimeOnly Close,
    [property: Id(4)] TimeOnly SessionClose,
    [property: Id(5)] DateOnly SettlementDate);
