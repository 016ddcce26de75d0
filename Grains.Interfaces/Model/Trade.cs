namespace OrleansMarketData.Model;

/// <summary>
/// One trade, with Alpaca's fields (docs/alpaca-compatibility.md): <c>t</c> <see cref="Time"/>, <c>p</c>
/// <see cref="Price"/>, <c>s</c> <see cref="Size"/> in shares, <c>i</c> <see cref="Id"/>, <c>x</c>
/// <see cref="Exchange"/> (a one-letter exchange code, <c>V</c> for IEX), <c>c</c> <see cref="Conditions"/> (sale
/// condition codes such as <c>@</c> regular, <c>I</c> odd lot, <c>T</c> extended hours) and <c>z</c>
/// <see cref="Tape"/> (<c>A</c>, <c>B</c> or <c>C</c>, by the symbol's listing).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Trade(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] double Price,
    [property: Id(2)] long Size,
    [property: Id(3)] long Id,
    [property: Id(4)] string Exchange,
    [property: Id(5)] IReadOnlyList<string> Conditions,
    [property: Id(6)] string Tape);
