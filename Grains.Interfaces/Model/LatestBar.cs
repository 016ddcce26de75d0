namespace OrleansMarketData.Model;

/// <summary>The newest 1-minute bar of a symbol, or why there is none.</summary>
[GenerateSerializer, Immutable]
public sealed record LatestBar(
    [property: Id(0)] SymbolState State,
    [property: Id(1)] Bar? Bar,
    [property: Id(2)] string? Error = null);
