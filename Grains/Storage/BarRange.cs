using OrleansMarketData.Model;

namespace OrleansMarketData.Storage;

/// <summary>The bars of (<see cref="Symbol"/>, <see cref="Timeframe"/>) that start in [<see cref="From"/>, <see cref="To"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record BarRange(
    [property: Id(0)] string Symbol,
    [property: Id(1)] Timeframe Timeframe,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset To)
{
    public bool Contains(DateTimeOffset time) => time >= From && time < To;
}
