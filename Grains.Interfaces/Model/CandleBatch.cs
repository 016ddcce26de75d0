namespace OrleansMarketData.Model;

/// <summary>
/// What one source bar changed: the new or revised candle of each timeframe. <see cref="Version"/> grows with
/// every batch of a symbol, so a reader holding a history snapshot of version V skips batches up to V.
/// <see cref="Epoch"/> names the grain activation that published it: a new one (after a silo failure) may have
/// bars its predecessor never published, which readers fetch from its history. <see cref="Previous"/> is the
/// version of the batch before it (or of the loaded history): a reader that has not received that one missed
/// something, and catches up from the history. <see cref="MovingAverages"/> are the periods of the candles' moving
/// averages: a value, so carrying them costs a few bytes of each call and no allocation.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CandleBatch(
    [property: Id(0)] string Symbol,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<TimeframeCandle> Updates,
    [property: Id(3)] long Epoch,
    [property: Id(4)] long Previous,
    [property: Id(5)] MovingAveragePeriods MovingAverages);
