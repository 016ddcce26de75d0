using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// The live messages of the batch being fanned out, serialised once per timeframe for all the listeners it goes
/// to. Not thread-safe: its subscription calls it under its lock.
/// </summary>
public sealed class BatchMessages(string symbol, CandleJson json)
{
    private readonly byte[]?[] _messages = new byte[Timeframes.All.Count][];
    private CandleBatch? _batch;

    /// <summary>The message of a timeframe's update in the batch; null when the batch has none for it.</summary>
    public byte[]? For(Timeframe timeframe, CandleBatch batch)
    {
        if (!ReferenceEquals(_batch, batch))
        {
            _batch = batch;
            Array.Clear(_messages);
        }
        if (_messages[(int)timeframe] is { } cached) return cached;
        foreach (var update in batch.Updates)
        {
            if (update.Timeframe == timeframe) return _messages[(int)timeframe] = json.BarMessage(symbol, timeframe, update.Candle);
        }
        return null;
    }
}
