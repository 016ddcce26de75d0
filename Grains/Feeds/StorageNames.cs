namespace OrleansMarketData.Feeds;

/// <summary>Grain storage providers, besides the stream pub-sub store (<c>StreamNames.PubSubStore</c>).</summary>
public static class StorageNames
{
    /// <summary>The feed grains' <c>FeedState</c>: Redis in cluster mode, memory in standalone mode.</summary>
    public const string Feeds = "FeedStore";
}
