namespace OrleansMarketData.Client;

/// <summary>The main fields of <c>/api/health</c>.</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> (the upstream is down) or <c>unavailable</c> (the cluster does not answer).</param>
/// <param name="Feed">The feed's name: <c>sim</c>, or Alpaca's feed.</param>
/// <param name="UpstreamConnected">Whether the cluster's upstream connection is up.</param>
/// <param name="MarketTime">The feed's clock, when known.</param>
/// <param name="SiloCount">Active silos.</param>
public sealed record GatewayHealth(string Status, string Feed, bool UpstreamConnected, DateTimeOffset? MarketTime, int SiloCount);
