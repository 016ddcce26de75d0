using System.Threading.Channels;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources;

/// <summary>
/// The buffer between a live feed and the tape relay: bounded, dropping the oldest messages when the relay falls this
/// far behind, so that a burst the relay cannot keep up with costs stale quotes, not the silo's memory.
/// </summary>
public static class TapeBuffer
{
    public const int Capacity = 500_000;

    public static Channel<TapeEvent> Create() => Channel.CreateBounded<TapeEvent>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });
}
