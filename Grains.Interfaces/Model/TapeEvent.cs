namespace OrleansMarketData.Model;

/// <summary>
/// One message of a feed's tape: exactly one of <see cref="Trade"/>, <see cref="Quote"/> and <see cref="Status"/> is
/// set. One type for the three keeps a symbol's trades, quotes and statuses in the order the source gave them.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TapeEvent(
    [property: Id(0)] string Symbol,
    [property: Id(1)] Trade? Trade = null,
    [property: Id(2)] Quote? Quote = null,
    [property: Id(3)] TradingStatus? Status = null)
{
    public TapeChannel Channel => Trade is not null ? TapeChannel.Trades : Quote is not null ? TapeChannel.Quotes : TapeChannel.Statuses;
}
