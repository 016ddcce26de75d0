namespace OrleansMarketData.Model;

/// <summary>
/// The list of symbols a source names as existing (Alpaca's asset list), as health reports show it: how many, and
/// when it was fetched.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SymbolListing([property: Id(0)] int Count, [property: Id(1)] DateTimeOffset FetchedAt);
