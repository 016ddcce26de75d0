namespace OrleansMarketData.Model;

/// <summary>
/// Bars of one timeframe whose start lies in [<see cref="Start"/>, <see cref="End"/>] (both inclusive, as at Alpaca).
/// Null bounds default to the start of the market's current New York day and to the market's current time, which
/// only the grain side knows (the simulated clock may run fast).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BarRangeQuery(
    [property: Id(0)] DateTimeOffset? Start,
    [property: Id(1)] DateTimeOffset? End,
    [property: Id(2)] int Limit,
    [property: Id(3)] bool Descending);

/// <summary>
/// At most <see cref="BarRangeQuery.Limit"/> bars in the query's order. <see cref="Next"/> is the start of the first
/// bar in the range that did not fit, so a reader can continue from there; null when the range is exhausted.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BarPage(
    [property: Id(0)] SymbolState State,
    [property: Id(1)] IReadOnlyList<Bar> Bars,
    [property: Id(2)] DateTimeOffset? Next,
    [property: Id(3)] string? Error = null);
