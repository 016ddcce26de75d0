namespace OrleansMarketData.Client;

/// <summary>One candle of <see cref="MarketDataClient.StreamCandlesAsync"/>.</summary>
/// <param name="Symbol">The symbol, upper-case.</param>
/// <param name="Timeframe">The stream's timeframe.</param>
/// <param name="Candle">The candle.</param>
/// <param name="IsHistory">True for the candles of the first history, before any live one.</param>
/// <param name="Replaces">
/// True when the candle has the timestamp of the previous update: it replaces that candle (a forming bar of a longer
/// timeframe, or a revised minute). Otherwise it is newer than every update before it.
/// </param>
public sealed record CandleUpdate(string Symbol, string Timeframe, Candle Candle, bool IsHistory, bool Replaces);
