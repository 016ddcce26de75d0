using System.Threading.Channels;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Simulated;

/// <summary>
/// The simulator's live tape: the trades and quotes of each subscribed symbol, released as the simulated clock passes
/// each one's time. A minute's bar is a pure function of the symbol and the minute (<see cref="SimulatedMarket.MinuteBar"/>),
/// so the minute in progress is computed ahead and its tape (<see cref="SimulatedTape"/>) is the one whose trades
/// aggregate to the bar the feed emits when the minute ends. The simulator has no halts: it sends no statuses.
/// </summary>
internal sealed class SimulatedTapeFeed : IAsyncDisposable
{
    /// <summary>How often, in wall time, the loop releases what has come due.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    /// <summary>Past this far behind (a paused process), the tape skips to the minute before the clock's.</summary>
    private static readonly TimeSpan MaxCatchUp = TimeSpan.FromMinutes(10);

    private readonly SimulatedMarket _market;
    private readonly SimulatedClock _clock;
    private readonly TimeProvider _time;
    private readonly Func<string, SymbolProfile?> _find;
    private readonly Channel<TapeEvent> _tape = TapeBuffer.Create();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TapePosition> _symbols = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    /// <summary>
    /// Started by the first subscription: a feed nobody streams trades or quotes from runs no timer for them (and the
    /// bar loop's timers are then the only ones, which the tests of its timing rely on).
    /// </summary>
    private Task? _loop;

    public SimulatedTapeFeed(SimulatedMarket market, SimulatedClock clock, TimeProvider time, Func<string, SymbolProfile?> find)
    {
        _market = market;
        _clock = clock;
        _time = time;
        _find = find;
    }

    public ChannelReader<TapeEvent> Tape => _tape.Reader;

    public void Subscribe(TapeChannel channel, string symbol)
    {
        if (channel == TapeChannel.Statuses || _find(symbol) is not { } profile) return;
        lock (_lock)
        {
            // From now on: what the minute in progress traded before the subscription is history.
            if (!_symbols.TryGetValue(symbol, out var state)) _symbols[symbol] = state = new TapePosition(profile, _clock.Now);
            if (channel == TapeChannel.Trades) state.Trades = true;
            else state.Quotes = true;
            _loop ??= Task.Run(() => RunAsync(_stop.Token));
        }
    }

    public void Unsubscribe(TapeChannel channel, string symbol)
    {
        lock (_lock)
        {
            if (!_symbols.TryGetValue(symbol, out var state)) return;
            if (channel == TapeChannel.Trades) state.Trades = false;
            else if (channel == TapeChannel.Quotes) state.Quotes = false;
            if (!state.Trades && !state.Quotes) _symbols.Remove(symbol);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task? loop;
        lock (_lock) loop = _loop;
        if (loop is not null) await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _tape.Writer.TryComplete();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(Tick, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var now = _clock.Now;
            lock (_lock)
            {
                foreach (var (symbol, state) in _symbols) Release(symbol, state, now);
            }
        }
    }

    /// <summary>Writes the symbol's messages with times up to <paramref name="now"/>, minute by minute, in time order.</summary>
    private void Release(string symbol, TapePosition state, DateTimeOffset now)
    {
        var minute = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        // A process paused for long skips ahead rather than replaying minutes nobody waits for.
        if (minute - state.Minute > MaxCatchUp) state.Load(_market, minute.AddMinutes(-1));
        while (true)
        {
            if (state.Current is { } tape)
            {
                var trades = tape.Trades;
                var quotes = tape.Quotes;
                // Quote i is in force at trade i, at or before it: each quote goes first.
                while (state.Next < trades.Count)
                {
                    var i = state.Next;
                    if (!state.QuoteSent && quotes[i].Time <= now)
                    {
                        if (quotes[i].Time > state.From && state.Quotes) _tape.Writer.TryWrite(new TapeEvent(symbol, Quote: quotes[i]));
                        state.QuoteSent = true;
                    }
                    if (!state.QuoteSent || trades[i].Time > now) break;
                    if (trades[i].Time > state.From && state.Trades) _tape.Writer.TryWrite(new TapeEvent(symbol, Trade: trades[i]));
                    state.Next++;
                    state.QuoteSent = false;
                }
                if (state.Next < trades.Count) return;
            }
            if (state.Minute >= minute) return;
            state.Load(_market, state.Minute.AddMinutes(1));
        }
    }

    /// <summary>One symbol's place in the tape: the minute being released and how far.</summary>
    private sealed class TapePosition(SymbolProfile profile, DateTimeOffset from)
    {
        public bool Trades;
        public bool Quotes;
        /// <summary>Messages at or before this were before the subscription.</summary>
        public readonly DateTimeOffset From = from;
        /// <summary>The minute being released; before the first load, the one before the subscription's.</summary>
        public DateTimeOffset Minute { get; private set; } = new DateTimeOffset(from.UtcTicks - from.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(-1);
        public MinuteTape? Current { get; private set; }
        public int Next;
        public bool QuoteSent;

        public void Load(SimulatedMarket market, DateTimeOffset minute)
        {
            Minute = minute;
            Current = market.Tape(profile, minute);
            Next = 0;
            QuoteSent = false;
        }
    }
}
