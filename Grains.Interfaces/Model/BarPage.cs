namespace OrleansMarketData.Model;

/// <summary>
/// At most <see cref="BarRangeQuery.Limit"/> bars in the query's order. <see cref="Next"/> is where a reader continues
/// (the start of the first bar that did not fit, or the end of a window read from the source); null when the range
/// is exhausted. A symbol grain also reports the range it applied (<see cref="Start"/>, <see cref="End"/>) and, when
/// older bars than its cache holds may exist at the source, the start of its first cached bar (<see cref="CachedFrom"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BarPage(
    [property: Id(0)] SymbolState State,
    [property: Id(1)] IReadOnlyList<Bar> Bars,
    [property: Id(2)] DateTimeOffset? Next,
    [property: Id(3)] string? Error = null,
    [property: Id(4)] DateTimeOffset Start = default,
    [property: Id(5)] DateTimeOffset End = default,
    [property: Id(6)] DateTimeOffset? CachedFrom = null);
