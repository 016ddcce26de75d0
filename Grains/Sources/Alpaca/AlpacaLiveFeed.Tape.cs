using System.Threading.Channels;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// The tape beside the bars: trades, quotes and statuses of the symbols the cluster streams on each channel, each
/// channel's wanted, requested and confirmed symbols kept like the bars' (<see cref="SubscriptionState"/>). After a
/// reconnect every wanted channel is subscribed again; Alpaca's confirmation is the truth.
/// </summary>
public sealed partial class AlpacaLiveFeed : ILiveTape
{
    private readonly Channel<TapeEvent> _tape = TapeBuffer.Create();
    private readonly SubscriptionState[] _tapeStates = [new(), new(), new()];

    public ChannelReader<TapeEvent> Tape => _tape.Reader;

    public void SubscribeTape(TapeChannel channel, string symbol)
    {
        _tapeStates[(int)channel].Want(symbol);
        _changed.Writer.TryWrite(true);
    }

    public void UnsubscribeTape(TapeChannel channel, string symbol)
    {
        _tapeStates[(int)channel].Drop(symbol);
        _changed.Writer.TryWrite(true);
    }

    /// <summary>The symbols of a channel that Alpaca confirmed on the current connection.</summary>
    public IReadOnlyCollection<string> ConfirmedTape(TapeChannel channel) => _tapeStates[(int)channel].ConfirmedSymbols();

    private bool TapeWanted => _tapeStates.Any(s => s.Wanted().Count > 0);

    /// <summary>On a new connection: every channel's wanted symbols, in one request.</summary>
    private async Task ResubscribeTapeAsync(AlpacaStreamConnection session, CancellationToken cancellationToken)
    {
        var wanted = _tapeStates.Select(s => s.Wanted()).ToArray();
        if (wanted.Any(w => w.Count > 0)) await session.ChangeTapeAsync(true, wanted[0], wanted[1], wanted[2], cancellationToken);
        for (var i = 0; i < wanted.Length; i++) _tapeStates[i].Requested(wanted[i]);
    }

    /// <summary>What changed since the last request: one subscribe and one unsubscribe at most.</summary>
    private async Task SendTapeDeltaAsync(AlpacaStreamConnection session, CancellationToken cancellationToken)
    {
        var deltas = _tapeStates.Select(s => s.Delta()).ToArray();
        if (deltas.Any(d => d.Add.Count > 0))
            await session.ChangeTapeAsync(true, deltas[0].Add, deltas[1].Add, deltas[2].Add, cancellationToken);
        if (deltas.Any(d => d.Remove.Count > 0))
            await session.ChangeTapeAsync(false, deltas[0].Remove, deltas[1].Remove, deltas[2].Remove, cancellationToken);
    }

    private void ConfirmTape(StreamMessage.Subscription subscription)
    {
        _tapeStates[(int)TapeChannel.Trades].Confirmed(subscription.Trades ?? []);
        _tapeStates[(int)TapeChannel.Quotes].Confirmed(subscription.Quotes ?? []);
        _tapeStates[(int)TapeChannel.Statuses].Confirmed(subscription.Statuses ?? []);
    }

    private void TapeRefused()
    {
        foreach (var state in _tapeStates) state.Refused();
    }

    private void TapeDisconnected()
    {
        foreach (var state in _tapeStates) state.Disconnected();
    }
}
