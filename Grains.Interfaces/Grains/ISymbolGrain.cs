using OrleansMarketData.Model;

namespace OrleansMarketData.Grains;

/// <summary>One ticker (upper-case key): its history per timeframe with indicators, kept current from the feed.</summary>
public interface ISymbolGrain : IGrainWithStringKey
{
    /// <summary>The newest <paramref name="limit"/> candles of a timeframe, oldest first.</summary>
    ValueTask<HistorySnapshot> GetHistory(Timeframe timeframe, int limit);

    ValueTask<LatestBar> GetLatest();

    /// <summary>
    /// The cached bars of a timeframe in a time range, for Alpaca-style paging; the cache's warm-up bars count too,
    /// since these bars carry no indicators.
    /// </summary>
    ValueTask<BarPage> GetBars(Timeframe timeframe, BarRangeQuery query);

    /// <summary>
    /// Keeps the grain (and so its upstream subscription) alive while a gateway has readers. Returns the version
    /// of the newest candle batch published, so the reader can tell whether its stream subscription missed one.
    /// </summary>
    ValueTask<long> KeepAlive();
}
