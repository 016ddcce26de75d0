namespace OrleansMarketData.Gateway.Hosting;

/// <summary>The feed whose MarketFeedGrain this gateway reports on.</summary>
public sealed record FeedName(string Name);
