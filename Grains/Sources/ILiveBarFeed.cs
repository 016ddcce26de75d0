using System.Threading.Channels;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources;

/// <summary>A live connection that delivers 1-minute bars for the symbols subscribed to it.</summary>
public interface ILiveBarFeed : IAsyncDisposable
{
    /// <summary>Bars in the order received; a bar may repeat or revise an earlier one.</summary>
    ChannelReader<SymbolBar> Bars { get; }

    /// <summary>
    /// Starts delivering a symbol's bars. With <paramref name="resumeAfter"/> (the newest bar an earlier connection
    /// delivered), the bars of the minutes since then are delivered first, in order.
    /// </summary>
    void Subscribe(string symbol, DateTimeOffset? resumeAfter);

    void Unsubscribe(string symbol);

    bool Connected { get; }

    /// <summary>Upstream state in words, e.g. "streaming" or "auth failed (402)".</summary>
    string State { get; }

    string? LastError { get; }

    DateTimeOffset? LastMessageTime { get; }
}
