using OrleansMarketData.Model;

namespace OrleansMarketData.Storage;

/// <summary>
/// One row of the bar store: a bar of (<see cref="Symbol"/>, <see cref="Timeframe"/>) keyed by its start time; the
/// bar carries the trade count and volume-weighted average price where the source gives them. <see cref="Sequence"/> is the
/// per-symbol number the feed gives each 1-minute bar it delivers; bars of other origins (history pages, aggregated
/// timeframes) have none.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StoredBar(
    [property: Id(0)] string Symbol,
    [property: Id(1)] Timeframe Timeframe,
    [property: Id(2)] Bar Bar,
    // Ids 3 and 4 held the trade count and VWAP before the bar carried them; they stay unused.
    [property: Id(5)] long? Sequence = null)
{
    public DateTimeOffset Time => Bar.Time;
}
