using Orleans.Concurrency;
using OrleansMarketData.Model;

namespace OrleansMarketData.Grains;

/// <summary>
/// One ticker (upper-case key): its history per timeframe with indicators, kept current from the feed. Each timeframe
/// is loaded when a read first names it.
/// </summary>
/// <remarks>
/// The reads interleave: one waiting up to 25 s for a timeframe to load must not hold up the grain's live bars
/// (stream deliveries) nor the other reads. In a reconnect herd they did, the stream queues filled up and every
/// symbol's live bars stalled (docs/operations.md, "Reconnect herds"). Once loaded, a read runs in one step.
/// </remarks>
public interface ISymbolGrain : IGrainWithStringKey
{
    /// <summary>The newest <paramref name="limit"/> candles of a timeframe, oldest first.</summary>
    [AlwaysInterleave]
    ValueTask<HistorySnapshot> GetHistory(Timeframe timeframe, int limit);

    [AlwaysInterleave]
    ValueTask<LatestBar> GetLatest();

    /// <summary>
    /// The cached bars of a timeframe in a time range, for Alpaca-style paging; the cache's warm-up bars count too,
    /// since these bars carry no indicators.
    /// </summary>
    [AlwaysInterleave]
    ValueTask<BarPage> GetBars(Timeframe timeframe, BarRangeQuery query);

    /// <summary>
    /// Activates the grain, which subscribes upstream and starts loading the timeframe's history (a grain loads a
    /// timeframe when first asked for), and returns at once: callers about to read many symbols warm them all up
    /// first, so their loads run side by side.
    /// </summary>
    ValueTask WarmUp(Timeframe timeframe);

    /// <summary>
    /// Registers a gateway's observer for this symbol's live candle batches, or renews its registration, which
    /// lapses when not renewed for two minutes (a gateway that died stops being sent to). Keeps the
    /// grain alive too. Returns the version of the newest batch, so the gateway can tell whether it missed one.
    /// <paramref name="seen"/> is the newest version the gateway has had of this symbol (0: none): the grain's versions
    /// from then on are above it, even when it was activated anew on a silo whose clock is behind its predecessor's,
    /// whose versions the gateway would otherwise take as newer than the new activation's (docs/architecture.md).
    /// </summary>
    ValueTask<long> Watch(ICandleObserver observer, long seen);

    /// <summary>Ends a gateway's registration: it has no readers of this symbol left.</summary>
    ValueTask Unwatch(ICandleObserver observer);
}
