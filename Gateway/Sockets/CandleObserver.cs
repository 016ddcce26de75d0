using OrleansMarketData.Grains;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// This gateway's one receiver of live batches, registered with the grain of every symbol it has readers for.
/// Orleans calls it one call at a time, so posting each batch to its symbol's mailbox before returning keeps every
/// symbol's order.
/// </summary>
internal sealed class CandleObserver(SymbolSubscriptions subscriptions) : ICandleObserver
{
    public Task OnCandles(IReadOnlyList<CandleBatch> batches)
    {
        // Posted to each symbol's mailbox, not delivered here: one symbol's catch-up from its grain must not hold up
        // the other symbols' batches.
        foreach (var batch in batches) subscriptions.Find(batch.Symbol)?.Receive(batch);
        return Task.CompletedTask;
    }
}
