using OrleansMarketData.Model;

namespace OrleansMarketData.Grains;

/// <summary>
/// Bars older than a symbol grain's cache, read from the market-data source on demand. Separate from the symbol
/// grain so that a slow upstream read never holds up the symbol's live bars. Stateless: any key, any silo.
/// </summary>
public interface IBarArchiveGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Bars of <paramref name="symbol"/> starting in [Start, End] (both required), at most Limit. Ascending reads go
    /// one window of about a page at a time; <see cref="BarPage.Next"/> then says where the next window starts.
    /// </summary>
    ValueTask<BarPage> GetBars(string symbol, Timeframe timeframe, BarRangeQuery query);
}
