namespace OrleansMarketData.Bench.Load;

/// <summary>What the clients of a run speak: the cluster's own candle stream, or the Alpaca stream in either format.</summary>
public enum LoadProtocol
{
    Candles,
    AlpacaJson,
    AlpacaMsgPack,
}
