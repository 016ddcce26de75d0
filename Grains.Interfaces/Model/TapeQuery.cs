namespace OrleansMarketData.Model;

/// <summary>
/// A page of historical trades or quotes, as Alpaca's <c>/v2/stocks/trades|quotes</c> take it: symbols in response
/// order, an inclusive range (null: the source's default, the start of the current New York day and now), at most
/// <see cref="Limit"/> items over all symbols, in time order or newest first, from where <see cref="PageToken"/> (an
/// earlier page's <see cref="TapePage.NextPageToken"/>, opaque) says.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TapeQuery(
    [property: Id(0)] TapeKind Kind,
    [property: Id(1)] IReadOnlyList<string> Symbols,
    [property: Id(2)] DateTimeOffset? Start,
    [property: Id(3)] DateTimeOffset? End,
    [property: Id(4)] int Limit,
    [property: Id(5)] bool Descending,
    [property: Id(6)] string? PageToken);
