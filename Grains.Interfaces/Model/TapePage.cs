namespace OrleansMarketData.Model;

/// <summary>
/// One page of trades or quotes: per symbol in response order (symbols without items left out), and the token of the
/// next page (null on the last). When <see cref="State"/> is not Ready, <see cref="Error"/> says why, in words fit for
/// the client, and <see cref="Status"/> is the HTTP status an upstream refusal came with (400 unless it said otherwise).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TapePage(
    [property: Id(0)] TapeState State,
    [property: Id(1)] IReadOnlyList<SymbolTape> Series,
    [property: Id(2)] string? NextPageToken,
    [property: Id(3)] string? Error = null,
    [property: Id(4)] int Status = 400)
{
    public static TapePage Refused(string error, int status = 400) => new(TapeState.Refused, [], null, error, status);

    public static TapePage Unavailable(string error) => new(TapeState.Unavailable, [], null, error, 503);
}
