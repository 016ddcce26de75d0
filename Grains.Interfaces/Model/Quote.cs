namespace OrleansMarketData.Model;

/// <summary>
/// One quote, with Alpaca's fields (docs/alpaca-compatibility.md): <c>t</c> <see cref="Time"/>, <c>bx</c>/<c>bp</c>/<c>bs</c>
/// the bid's exchange, price and size in shares, <c>ax</c>/<c>ap</c>/<c>as</c> the ask's, <c>c</c>
/// <see cref="Conditions"/> (<c>R</c>, a regular two-sided quote) and <c>z</c> <see cref="Tape"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Quote(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] string BidExchange,
    [property: Id(2)] double BidPrice,
    [property: Id(3)] long BidSize,
    [property: Id(4)] string AskExchange,
    [property: Id(5)] double AskPrice,
    [property: Id(6)] long AskSize,
    [property: Id(7)] IReadOnlyList<string> Conditions,
    [property: Id(8)] string Tape);
