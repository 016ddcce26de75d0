namespace OrleansMarketData.Model;

/// <summary>A 1-minute bar as it arrives from a market-data source.</summary>
[GenerateSerializer, Immutable]
public sealed record SymbolBar(
    [property: Id(0)] string Symbol,
    [property: Id(1)] Bar Bar);
