using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Snapshots;

/// <summary>Alpaca's snapshot of a symbol; a part the cluster has none of is null.</summary>
public sealed record SymbolSnapshot(Trade? LatestTrade, Quote? LatestQuote, Bar? MinuteBar, Bar? DailyBar, Bar? PrevDailyBar);
