namespace OrleansMarketData.Model;

/// <summary>
/// Bars of one timeframe whose start lies in [<see cref="Start"/>, <see cref="End"/>] (both inclusive, as at Alpaca).
/// A null end is the market's current time, which only the grain side knows (the simulated clock may run fast); a
/// null start is the start of the end's New York day. <see cref="Resume"/> continues a paged read: the range then
/// begins (ascending) or ends (descending) there, while the defaults stay those of the first page.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BarRangeQuery(
    [property: Id(0)] DateTimeOffset? Start,
    [property: Id(1)] DateTimeOffset? End,
    [property: Id(2)] int Limit,
    [property: Id(3)] bool Descending,
    [property: Id(4)] DateTimeOffset? Resume = null);
