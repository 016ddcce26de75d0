namespace OrleansMarketData.Model;

/// <summary>
/// The newest trade and quote of each symbol asked about that has them (unknown symbols and symbols that never traded
/// are left out, as Alpaca leaves them out). When <see cref="State"/> is not Ready, <see cref="Error"/> says why.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LatestTape(
    [property: Id(0)] TapeState State,
    [property: Id(1)] IReadOnlyDictionary<string, Trade> Trades,
    [property: Id(2)] IReadOnlyDictionary<string, Quote> Quotes,
    [property: Id(3)] string? Error = null);
