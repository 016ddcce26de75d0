using System.Threading.Channels;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources;

/// <summary>
/// A live connection's tape beside its bars: the trades, quotes and statuses of the symbols subscribed on each channel
/// (docs/architecture.md, "The tape"). A live feed that has no tape does not implement it.
/// </summary>
public interface ILiveTape
{
    /// <summary>Messages in the order received. Completed when the live connection is disposed.</summary>
    ChannelReader<TapeEvent> Tape { get; }

    /// <summary>Starts a symbol's messages of one channel; <c>"*"</c> is every symbol, for statuses.</summary>
    void SubscribeTape(TapeChannel channel, string symbol);

    void UnsubscribeTape(TapeChannel channel, string symbol);
}
