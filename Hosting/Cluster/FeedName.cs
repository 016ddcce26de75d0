namespace OrleansMarketData.Hosting;

/// <summary>The feed the cluster's sources use, which is also the key of its <c>IMarketFeedGrain</c>.</summary>
public sealed record FeedName(string Name);
