using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Simulated;

/// <summary>
/// The simulator's live connection: each time the simulated clock passes a minute mark, it emits the bar of the
/// minute that just ended for every subscribed symbol that traded in it. Its tape releases the trades and quotes of
/// the minute in progress as the clock passes them (<see cref="SimulatedTapeFeed"/>).
/// </summary>
public sealed partial class SimulatedLiveFeed : ILiveBarFeed, ILiveTape
{
    /// <summary>Past this many minutes behind (a paused process), the feed skips ahead instead of replaying.</summary>
    private const int MaxCatchUpMinutes = 24 * 60;

    private readonly SimulatedMarket _market;
    private readonly SimulatedClock _clock;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<SymbolBar> _bars = Channel.CreateUnbounded<SymbolBar>();
    private readonly Lock _emit = new();
    private DateTimeOffset _emittedThrough;
    private readonly ConcurrentDictionary<string, SymbolProfile> _symbols = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly int _syntheticSymbols;
    private long _lastMessageTicks;
    private readonly SimulatedTapeFeed _tape;

    public SimulatedLiveFeed(SimulatedMarket market, SimulatedClock clock, TimeProvider time, ILogger logger, int syntheticSymbols = 0)
    {
        _syntheticSymbols = syntheticSymbols;
        _market = market;
        _clock = clock;
        _time = time;
        _logger = logger;
        // The minute before the one in progress: the first the loop emits is the one in progress.
        _emittedThrough = NextMinuteMark(clock.Now) - TimeSpan.FromMinutes(2);
        _loop = Task.Run(() => RunAsync(_stop.Token));
        _tape = new SimulatedTapeFeed(market, clock, time, symbol => SymbolUniverse.Find(symbol, syntheticSymbols));
    }

    public ChannelReader<TapeEvent> Tape => _tape.Tape;

    public void SubscribeTape(TapeChannel channel, string symbol) => _tape.Subscribe(channel, symbol);

    public void UnsubscribeTape(TapeChannel channel, string symbol) => _tape.Unsubscribe(channel, symbol);

    public ChannelReader<SymbolBar> Bars => _bars.Reader;

    public bool Connected => !_loop.IsCompleted;

    public string State => _loop.IsFaulted ? "failed" : Connected ? "streaming" : "stopped";

    public string? LastError => _loop.Exception?.GetBaseException().Message;

    public DateTimeOffset? LastMessageTime =>
        Interlocked.Read(ref _lastMessageTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void Subscribe(string symbol, DateTimeOffset? resumeAfter)
    {
        if (SymbolUniverse.Find(symbol, _syntheticSymbols) is not { } profile) return;
        lock (_emit)
        {
            // The minutes since the last bar an earlier connection delivered, up to where the live loop is.
            if (resumeAfter is { } last)
            {
                var from = Max(last.AddMinutes(1), _emittedThrough.AddMinutes(-MaxCatchUpMinutes));
                for (var minute = from; minute <= _emittedThrough; minute = minute.AddMinutes(1))
                {
                    if (_market.MinuteBar(profile, minute) is { } bar) _bars.Writer.TryWrite(new SymbolBar(symbol, bar));
                }
            }
            _symbols.TryAdd(symbol, profile);
        }
    }

    public void Unsubscribe(string symbol) => _symbols.TryRemove(symbol, out _);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _tape.DisposeAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _bars.Writer.TryComplete();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset next;
        lock (_emit) next = _emittedThrough + TimeSpan.FromMinutes(2);
        LogStarted(_logger, _clock.Speed, _clock.Now);
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_clock.WallTimeUntil(next), _time, cancellationToken);
            var now = _clock.Now;
            if ((now - next).TotalMinutes > MaxCatchUpMinutes) next = NextMinuteMark(now - TimeSpan.FromMinutes(1));
            for (; next <= now; next += TimeSpan.FromMinutes(1)) Emit(next - TimeSpan.FromMinutes(1));
        }
    }

    private void Emit(DateTimeOffset minuteStart)
    {
        lock (_emit)
        {
            foreach (var (symbol, profile) in _symbols)
            {
                if (_market.MinuteBar(profile, minuteStart) is { } bar) _bars.Writer.TryWrite(new SymbolBar(symbol, bar));
            }
            _emittedThrough = minuteStart;
        }
        Interlocked.Exchange(ref _lastMessageTicks, _time.GetUtcNow().UtcTicks);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset NextMinuteMark(DateTimeOffset time) =>
        BarAggregator.BucketStart(time, Timeframe.Minute1).AddMinutes(1);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated feed started at speed {Speed}, market time {MarketTime:O}")]
    private static partial void LogStarted(ILogger logger, double speed, DateTimeOffset marketTime);
}
