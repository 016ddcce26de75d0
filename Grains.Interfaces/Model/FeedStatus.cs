namespace OrleansMarketData.Model;

/// <summary>
/// What the upstream connection of one feed is doing, the bar store its silo writes to, and the symbol list its silo
/// holds (null: the source has none, or none has arrived yet), for health reports.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FeedStatus(
    [property: Id(0)] string Feed,
    [property: Id(1)] bool IsAlpaca,
    [property: Id(2)] bool Connected,
    [property: Id(3)] string State,
    [property: Id(4)] string? LastError,
    [property: Id(5)] DateTimeOffset? LastMessageTime,
    [property: Id(6)] IReadOnlyList<string> Symbols,
    [property: Id(7)] DateTimeOffset MarketTime,
    [property: Id(8)] string Silo,
    [property: Id(9)] BarStoreStatus? Store = null,
    [property: Id(10)] SymbolListing? Listing = null);
