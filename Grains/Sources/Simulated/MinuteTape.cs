using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Simulated;

/// <summary>A simulated minute's trades and quotes, each in time order; quote i is the one in force at trade i.</summary>
public sealed record MinuteTape(IReadOnlyList<Trade> Trades, IReadOnlyList<Quote> Quotes);
