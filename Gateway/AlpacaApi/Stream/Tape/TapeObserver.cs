using OrleansMarketData.Grains;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream.Tape;

/// <summary>
/// This gateway's one receiver of tape messages, registered with the feed grain. Orleans calls it one call at a time,
/// and each call's messages are handed to the sockets before it returns, so each symbol's order is kept.
/// </summary>
internal sealed class TapeObserver(TapeSubscriptions subscriptions) : ITapeObserver
{
    public Task OnTape(IReadOnlyList<TapeEvent> events)
    {
        subscriptions.Dispatch(events);
        return Task.CompletedTask;
    }
}
