using OrleansMarketData.Model;

namespace OrleansMarketData.Grains;

/// <summary>
/// The single upstream connection of one feed (key: the feed name). Symbols are reference-counted: the upstream
/// subscription for a symbol exists while at least one subscriber holds it.
/// </summary>
public interface IMarketFeedGrain : IGrainWithStringKey
{
    ValueTask Subscribe(string symbol);

    ValueTask Unsubscribe(string symbol);

    ValueTask<FeedStatus> GetStatus();
}
