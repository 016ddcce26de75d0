using OrleansMarketData.Model;

namespace OrleansMarketData.Grains;

/// <summary>
/// Trades and quotes of any symbols, read from the market-data source on demand: computed by the simulator, or asked
/// of Alpaca under the cluster's request budget. Stateless: any key, any silo.
/// </summary>
public interface ITapeReaderGrain : IGrainWithIntegerKey
{
    /// <summary>One page of historical trades or quotes, paged over all symbols like Alpaca's multi-symbol routes.</summary>
    ValueTask<TapePage> GetPage(TapeQuery query);

    /// <summary>The newest trade (when <paramref name="trades"/>) and quote (when <paramref name="quotes"/>) of each symbol, as of now.</summary>
    ValueTask<LatestTape> GetLatest(IReadOnlyList<string> symbols, bool trades, bool quotes);
}
