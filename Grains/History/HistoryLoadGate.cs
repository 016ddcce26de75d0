using Microsoft.Extensions.Options;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Sources;

namespace OrleansMarketData.History;

/// <summary>
/// The silo's bound on history loads running at once (<see cref="HistoryOptions.MaxConcurrentLoads"/>). A load of the
/// simulator is CPU work on the thread pool, which the silo's own work (grain turns, stream queues, messaging) shares:
/// 2,000 symbols loading at once queued that work behind 10,000 loads, stream queue calls timed out after 30 s and
/// live bars stopped (docs/operations.md, "Reconnect herds"). Loads beyond the bound wait here, in the order they came,
/// without holding a thread; the live path never passes through, so it always finds a processor. One per silo.
/// </summary>
public sealed class HistoryLoadGate
{
    private readonly SemaphoreSlim _slots;
    private int _waiting;

    public HistoryLoadGate(IOptions<HistoryOptions> options, IMarketDataSource source)
    {
        Capacity = options.Value.MaxConcurrentLoads is > 0 and var configured ? configured : Automatic(source.IsAlpaca);
        _slots = new SemaphoreSlim(Capacity, Capacity);
    }

    /// <summary>How many loads may run at once.</summary>
    public int Capacity { get; }

    /// <summary>Loads waiting for a turn now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Loads running now.</summary>
    public int Running => Capacity - _slots.CurrentCount;

    /// <summary>Waits for a turn; the turn ends when the returned value is disposed.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        // SemaphoreSlim serves waiters first in, first out: a symbol's timeframes, asked for together, run together.
        if (!_slots.Wait(0))
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
        return new Turn(_slots);
    }

    /// <summary>
    /// Alpaca's loads wait on its request budget, which batches the symbols queued together into one request: many
    /// may wait there at once. The simulator's are CPU work: one processor is left to everything else.
    /// </summary>
    private static int Automatic(bool alpaca) => alpaca ? 64 : Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>A load's turn at the gate.</summary>
    public readonly struct Turn(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots?.Release();
    }
}
