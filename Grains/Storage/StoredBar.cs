using OrleansMarketData.Model;

namespace OrleansMarketData.Storage;

/// <summary>
/// One row of the bar store: a bar of (<see cref="Symbol"/>, <see cref="Timeframe"/>) keyed by its start time, with
/// the trade count and volume-weighted average price where the source gives them. <see cref="Sequence"/> is the
/// per-symbol number the feed gives each 1-minute bar it delivers; bars of other origins (history pages, aggregated
/// timeframes) have none.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StoredBar(
    [property: Id(0)] string Symbol,
    [property: Id(1)] Timeframe Timeframe,
    [property: Id(2)] Bar Bar,
    [property: Id(3)] long? TradeCount = null,
    [property: Id(4)] double? Vwap = null,
    [property: Id(5)] long? Sequence = null)
{
    public DateTimeOffset Time => Bar.Time;
}
