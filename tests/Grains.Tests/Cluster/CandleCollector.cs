using System.Collections.Concurrent;
using OrleansMarketData.Model;
using OrleansMarketData.Streams;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>A gateway-side subscriber of a symbol's candle stream that records what it receives.</summary>
public sealed class CandleCollector
{
    private readonly ConcurrentQueue<CandleBatch> _batches = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<CandleBatch> Batches => _batches.ToArray();

    public static async Task<CandleCollector> SubscribeAsync(IClusterClient client, string symbol)
    {
        var collector = new CandleCollector();
        var stream = client.GetStreamProvider(StreamNames.Provider).GetStream<CandleBatch>(StreamNames.CandleStream(symbol));
        await stream.SubscribeAsync((batch, _) =>
        {
            collector._batches.Enqueue(batch);
            collector._arrived.Release();
            return Task.CompletedTask;
        });
        return collector;
    }

    /// <summary>Waits until at least <paramref name="count"/> batches have arrived, at most <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<CandleBatch>> WaitForAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (_batches.Count < count) await _arrived.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
        }
        return Batches;
    }
}
