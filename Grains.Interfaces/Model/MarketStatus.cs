namespace OrleansMarketData.Model;

/// <summary>The trading session a bar starts in (DESIGN §5).</summary>
[GenerateSerializer]
public enum MarketStatus
{
    Closed,
    PreMarket,
    Regular,
    AfterHours,
}
