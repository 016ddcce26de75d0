using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OrleansMarketData.Model;

namespace OrleansMarketData.Delivery;

/// <summary>
/// Sends the symbol grains' candle batches of this silo to the gateways' observers, batched per gateway: one call in
/// flight to each gateway, and whatever the grains produce meanwhile goes in its next call (the push pattern of the
/// Orleans GPSTracker sample). A burst of one bar for 10,000 symbols so costs a few calls per gateway instead of a
/// stream message per symbol. A call that fails loses its batches; the gateway sees that from
/// <see cref="CandleBatch.Previous"/> and catches up from the grains' histories.
/// </summary>
public sealed class CandleFanOut(TimeProvider time, ILogger<CandleFanOut> logger)
{
    /// <summary>
    /// An outbox that got nothing for a whole sweep period is dropped: its gateway went away (the grains stopped
    /// sending to it when its registrations lapsed, after <see cref="WatchRegistration.Expiry"/>), or its symbols are
    /// quiet, and a new outbox serves it when they speak again.
    /// </summary>
    public static readonly TimeSpan SweepPeriod = WatchRegistration.Expiry;

    private readonly ConcurrentDictionary<ICandleObserver, GatewayOutbox> _outboxes = new();
    private readonly Func<ICandleObserver, GatewayOutbox> _newOutbox = observer => new GatewayOutbox(observer, logger);
    private readonly long _sweepEvery = (long)(SweepPeriod.TotalSeconds * time.TimestampFrequency);
    private long _nextSweep = time.GetTimestamp() + (long)(SweepPeriod.TotalSeconds * time.TimestampFrequency);

    /// <summary>Outboxes held now: one per gateway that got a batch lately.</summary>
    internal int OutboxCount => _outboxes.Count;

    /// <summary>Queues a batch for each observer; called from a grain's turn, so it never waits.</summary>
    public void Send(ICandleObserver[] observers, CandleBatch batch)
    {
        foreach (var observer in observers)
        {
            while (true)
            {
                var outbox = _outboxes.GetOrAdd(observer, _newOutbox);
                if (outbox.TryAdd(batch)) break;
                // Retired by a sweep, which removes it too: make sure it is gone, and let its successor take the batch.
                _outboxes.TryRemove(KeyValuePair.Create(observer, outbox));
            }
        }
        SweepWhenDue();
    }

    /// <summary>
    /// Drops the outboxes that got no batch since the previous sweep, once per <see cref="SweepPeriod"/>, from whichever
    /// grain sends first after it. An outbox retires only with nothing waiting and no call in flight, and then takes no
    /// batch, so a gateway never has two senders (which could deliver a symbol's batches out of order).
    /// </summary>
    private void SweepWhenDue()
    {
        var now = time.GetTimestamp();
        var due = Volatile.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + _sweepEvery, due) != due) return;
        foreach (var (observer, outbox) in _outboxes)
        {
            if (outbox.TryRetireIdle()) _outboxes.TryRemove(KeyValuePair.Create(observer, outbox));
        }
    }
}
