using OrleansMarketData.Model;

namespace OrleansMarketData.Grains;

/// <summary>
/// The cluster's market clock and trading calendar, for callers without a market-data source of their own
/// (gateways in cluster mode are pure clients). Stateless: any key, any silo.
/// </summary>
public interface IMarketCalendarGrain : IGrainWithIntegerKey
{
    ValueTask<MarketClock> GetClock();

    /// <summary>Trading days from <paramref name="start"/> to <paramref name="end"/>, both inclusive, oldest first.</summary>
    ValueTask<IReadOnlyList<TradingDay>> GetTradingDays(DateOnly start, DateOnly end);
}
