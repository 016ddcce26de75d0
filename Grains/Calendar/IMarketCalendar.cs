namespace OrleansMarketData.Calendar;

/// <summary>Which days the market trades and at what hours.</summary>
public interface IMarketCalendar
{
    /// <summary>The session of a New York date, or null when the market is closed all day.</summary>
    TradingSession? SessionOn(DateOnly date);
}
