using OrleansMarketData.Model;

namespace OrleansMarketData.Grains;

/// <summary>
/// A gateway process's receiver of live candle batches: one per gateway, registered with the grain of every
/// symbol the gateway has readers for. Calls to one observer never overlap, so each symbol's batches arrive in the
/// order its grain produced them; <see cref="CandleBatch.Previous"/> shows any that went missing on the way.
/// </summary>
public interface ICandleObserver : IGrainObserver
{
    /// <summary>Batches of any number of symbols, each symbol's in order.</summary>
    Task OnCandles(IReadOnlyList<CandleBatch> batches);
}
