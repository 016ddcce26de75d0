namespace OrleansMarketData.Model;

/// <summary>
/// A 1-minute bar as it arrives from a market-data source. <see cref="Sequence"/> is the per-symbol number the feed
/// gives it once it is in the bar store (0 until then): a symbol grain that sees a number skipped reads the bars it
/// missed from the store (docs/bar-store.md, "Write-ahead").
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SymbolBar(
    [property: Id(0)] string Symbol,
    [property: Id(1)] Bar Bar,
    [property: Id(2)] long Sequence = 0);
