namespace OrleansMarketData.Model;

/// <summary>
/// The symbols of each tape channel that one gateway's clients stream. <c>"*"</c> in <see cref="Statuses"/> means
/// every symbol's statuses (the trades and quotes of <c>"*"</c> are named symbol by symbol, within the per-connection
/// symbol limit).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TapeInterest(
    [property: Id(0)] IReadOnlyList<string> Trades,
    [property: Id(1)] IReadOnlyList<string> Quotes,
    [property: Id(2)] IReadOnlyList<string> Statuses)
{
    public static TapeInterest None { get; } = new([], [], []);

    public bool IsEmpty => Trades.Count == 0 && Quotes.Count == 0 && Statuses.Count == 0;

    public IReadOnlyList<string> this[TapeChannel channel] => channel switch
    {
        TapeChannel.Trades => Trades,
        TapeChannel.Quotes => Quotes,
        _ => Statuses,
    };
}
