using OrleansMarketData.Model;

namespace OrleansMarketData.Tape;

/// <summary>
/// Where trades and quotes come from: the simulator's minutes (<see cref="SimulatedTapeSource"/>) or Alpaca's REST
/// (<see cref="AlpacaTapeSource"/>). Only one is made, the one that goes with the cluster's bar source.
/// </summary>
public interface ITapeSource
{
    Task<TapePage> ReadAsync(TapeQuery query, CancellationToken cancellationToken);

    Task<LatestTape> LatestAsync(IReadOnlyList<string> symbols, bool trades, bool quotes, CancellationToken cancellationToken);
}
