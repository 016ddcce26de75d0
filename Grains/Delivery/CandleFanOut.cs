using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OrleansMarketData.Grains;
using OrleansMarketData.Model;

namespace OrleansMarketData.Delivery;

/// <summary>
/// Sends the symbol grains' candle batches of this silo to the gateways' observers, batched per gateway: one call in
/// flight to each gateway, and whatever the grains produce meanwhile goes in its next call (the push pattern of the
/// Orleans GPSTracker sample). A burst of one bar for 10,000 symbols so costs a few calls per gateway instead of a
/// stream message per symbol. A call that fails loses its batches; the gateway sees that from
/// <see cref="CandleBatch.Previous"/> and catches up from the grains' histories.
/// </summary>
public sealed class CandleFanOut(ILogger<CandleFanOut> logger)
{
    // An outbox is kept after its gateway goes: there are as many as gateways ever seen, and dropping one while a
    // grain hands it a batch could start a second sender to the same gateway.
    private readonly ConcurrentDictionary<ICandleObserver, GatewayOutbox> _outboxes = new();

    /// <summary>Queues a batch for each observer; called from a grain's turn, so it never waits.</summary>
    public void Send(ICandleObserver[] observers, CandleBatch batch)
    {
        foreach (var observer in observers) _outboxes.GetOrAdd(observer, o => new GatewayOutbox(o, logger)).Add(batch);
    }
}
