namespace OrleansMarketData.Model;

/// <summary>The channels of a feed's tape, which travel beside its bars (docs/architecture.md, "The tape").</summary>
public enum TapeChannel
{
    Trades,
    Quotes,
    Statuses,
}
