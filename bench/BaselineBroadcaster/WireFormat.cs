namespace OrleansMarketData.Bench.Baseline;

/// <summary>What one socket receives: the candle stream's JSON, or the Alpaca stream's JSON or msgpack frames.</summary>
public enum WireFormat
{
    Candles,
    AlpacaJson,
    AlpacaMsgPack,
}
