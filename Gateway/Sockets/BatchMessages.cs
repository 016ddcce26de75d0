using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// A symbol's messages in the candle protocol (<c>/ws/candles</c>). The live messages of the batch being fanned out
/// are serialised once per timeframe for all the listeners they go to. Not thread-safe: its subscription's mailbox
/// loop alone calls it.
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
            if (update.Timeframe == timeframe) return _messages[(int)timeframe] = json.BarMessage(symbol, timeframe, update.Candle, batch.MovingAverages);
        }
        return null;
    }

    /// <summary>The live message of one candle of a snapshot, for catch-ups.</summary>
    public byte[] For(Timeframe timeframe, Candle candle, HistorySnapshot snapshot) => json.BarMessage(symbol, timeframe, candle, snapshot.MovingAverages);

    /// <summary>The historical message a socket starts with.</summary>
    public byte[] History(Timeframe timeframe, HistorySnapshot snapshot) =>
        json.History(symbol, timeframe, snapshot.Candles, snapshot.MovingAverages, asMessage: true);
}
