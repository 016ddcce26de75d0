using System.Collections.Frozen;
using OrleansMarketData.Gateway.Telemetry;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream.Tape;

/// <summary>
/// One stream connection's tape subscriptions: the (channel, symbol) pairs it holds on the gateway's
/// <see cref="TapeSubscriptions"/>, and the frames it is sent. <c>"*"</c> on trades or quotes stands for the listed
/// symbols (<see cref="WildcardSymbols"/>), as for bars; on statuses it is kept as it is: every symbol's statuses.
/// </summary>
public sealed class ConnectionTape(
    TapeSubscriptions tape, WildcardSymbols wildcard, StreamFrames frames, Func<byte[], bool> send, GatewayMetrics? metrics = null)
{
    private volatile FrozenSet<(TapeChannel, string)> _held = FrozenSet<(TapeChannel, string)>.Empty;

    public IReadOnlySet<(TapeChannel Channel, string Symbol)> Held => _held;

    public bool Wants(TapeEvent message) =>
        _held.Contains((message.Channel, message.Symbol))
        || (message.Channel == TapeChannel.Statuses && _held.Contains((TapeChannel.Statuses, StreamChannels.Wildcard)));

    /// <summary>Holds exactly the pairs <paramref name="next"/> names.</summary>
    public async Task ChangeAsync(StreamChannels next)
    {
        var wanted = new HashSet<(TapeChannel, string)>();
        IReadOnlyList<string>? listed = null;
        foreach (var (name, channel) in StreamChannels.TapeChannels)
        {
            foreach (var symbol in next[name])
            {
                if (symbol != StreamChannels.Wildcard || channel == TapeChannel.Statuses) wanted.Add((channel, symbol));
                else foreach (var one in listed ??= await wildcard.GetAsync()) wanted.Add((channel, one));
            }
        }
        var before = _held;
        if (before.SetEquals(wanted)) return;
        _held = wanted.ToFrozenSet();
        await tape.ChangeAsync(this, before, _held);
    }

    public Task ReleaseAsync()
    {
        var before = _held;
        _held = FrozenSet<(TapeChannel, string)>.Empty;
        return before.Count == 0 ? Task.CompletedTask : tape.ChangeAsync(this, before, _held);
    }

    /// <summary>Sends one frame of messages; false when the connection's queue refused it.</summary>
    public bool Send(List<TapeEvent> messages)
    {
        if (!send(frames.Tape(messages))) return false;
        metrics?.AlpacaTapeSent(messages.Count);
        return true;
    }
}
