namespace OrleansMarketData.Model;

/// <summary>
/// The newest candles of one timeframe, oldest first, as of <see cref="Version"/> (see <see cref="CandleBatch"/>).
/// <see cref="MovingAverages"/> are the periods of the candles' moving averages. When <see cref="State"/> is not
/// Ready, <see cref="Error"/> says why and <see cref="Candles"/> is empty.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HistorySnapshot(
    [property: Id(0)] SymbolState State,
    [property: Id(1)] IReadOnlyList<Candle> Candles,
    [property: Id(2)] long Version,
    [property: Id(4)] long Epoch,
    [property: Id(5)] MovingAveragePeriods MovingAverages,
    [property: Id(3)] string? Error = null);
