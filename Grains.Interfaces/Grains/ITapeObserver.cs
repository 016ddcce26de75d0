using OrleansMarketData.Model;

namespace OrleansMarketData.Grains;

/// <summary>
/// A gateway process's receiver of tape messages (trades, quotes, statuses): one per gateway, registered with the feed
/// grain with the gateway's whole <see cref="TapeInterest"/>. Calls to one observer never overlap, so each symbol's
/// messages arrive in the order the source gave them.
/// </summary>
public interface ITapeObserver : IGrainObserver
{
    /// <summary>Messages of any number of symbols and channels, each symbol's in order.</summary>
    Task OnTape(IReadOnlyList<TapeEvent> events);
}
