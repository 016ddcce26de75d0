namespace OrleansMarketData.Model;

/// <summary>
/// The trading session a bar starts in, in New York time: pre-market 04:00–09:30, regular 09:30–16:00 (13:00 on early
/// closes), after-hours until 20:00, otherwise closed, as on weekends and exchange holidays.
/// </summary>
[GenerateSerializer]
public enum MarketStatus
{
    Closed,
    PreMarket,
    Regular,
    AfterHours,
}
