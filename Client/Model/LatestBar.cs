namespace OrleansMarketData.Client;

/// <summary>The newest 1-minute bar of a symbol, without indicators.</summary>
public sealed record LatestBar(string Symbol, DateTimeOffset Timestamp, double Open, double High, double Low, double Close, long Volume);
