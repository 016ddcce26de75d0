namespace OrleansMarketData.Client;

/// <summary>The newest candles of a symbol in a timeframe, oldest first.</summary>
/// <param name="Symbol">The symbol, upper-case.</param>
/// <param name="Timeframe"><c>1Min</c>, <c>5Min</c>, <c>15Min</c>, <c>1Hour</c> or <c>1Day</c>.</param>
/// <param name="Candles">Oldest first.</param>
public sealed record CandleHistory(string Symbol, string Timeframe, IReadOnlyList<Candle> Candles);
