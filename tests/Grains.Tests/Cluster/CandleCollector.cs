using System.Collections.Concurrent;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>A gateway-side observer of a symbol grain's candle batches that records what it receives.</summary>
public sealed class CandleCollector : ICandleObserver
{
    private readonly ConcurrentQueue<CandleBatch> _batches = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _callsToFail;

    /// <summary>Held here: Orleans keeps a client's observer only as long as something else does.</summary>
    public ICandleObserver Reference { get; private set; } = null!;

    public IReadOnlyList<CandleBatch> Batches => _batches.ToArray();

    /// <summary>Calls refused so far, as by a gateway that is going away.</summary>
    public int Refused { get; private set; }

    public static async Task<CandleCollector> SubscribeAsync(IClusterClient client, string symbol)
    {
        var collector = new CandleCollector();
        collector.Reference = client.CreateObjectReference<ICandleObserver>(collector);
        await client.GetGrain<ISymbolGrain>(symbol).Watch(collector.Reference, 0);
        return collector;
    }

    /// <summary>The next <paramref name="calls"/> deliveries throw, losing their batches.</summary>
    public void FailNext(int calls) => _callsToFail = calls;

    public Task OnCandles(IReadOnlyList<CandleBatch> batches)
    {
        if (_callsToFail > 0)
        {
            _callsToFail--;
            Refused++;
            throw new InvalidOperationException("this observer refuses the call");
        }
        foreach (var batch in batches)
        {
            _batches.Enqueue(batch);
            _arrived.Release();
        }
        return Task.CompletedTask;
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
