using System.Collections.Concurrent;
using System.Threading.Channels;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;
using OrleansMarketData.Sources;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// A source whose live bars the test writes by hand. History comes from the real simulator as of a fixed time,
/// so the grain under test loads real data; live bars are whatever the test sends.
/// </summary>
public sealed class ScriptedSource : IMarketDataSource
{
    private readonly SimulatedMarket _market;
    private readonly List<ScriptedFeed> _feeds = [];

    public ScriptedSource(DateTimeOffset asOf)
    {
        Now = asOf;
        _market = new SimulatedMarket(Calendar);
    }

    public string FeedName => "test";
    public bool IsAlpaca => false;
    public IMarketCalendar Calendar { get; } = new NyseCalendar();
    /// <summary>The fixed time the test runs at; a test may move it and must set it back.</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>Every feed opened so far (a MarketFeedGrain opens one per activation).</summary>
    public IReadOnlyList<ScriptedFeed> Feeds
    {
        get { lock (_feeds) return _feeds.ToArray(); }
    }

    public ValueTask<bool> IsKnownSymbolAsync(string symbol, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SymbolUniverse.Find(symbol) is not null || EmptyHistory.ContainsKey(symbol));

    /// <summary>Symbols the source accepts but has no bar of, in any timeframe.</summary>
    public ConcurrentDictionary<string, bool> EmptyHistory { get; } = new();

    /// <summary>Symbols whose history answers only after a delay, as when requests queue for an upstream's budget.</summary>
    public Dictionary<string, TimeSpan> SlowHistory { get; } = [];

    /// <summary>Symbols whose history fails with the given exception, as when a call inside the cluster times out.</summary>
    public Dictionary<string, Exception> FailingHistory { get; } = [];

    /// <summary>Timeframes of a symbol whose history fails, the others answering as usual.</summary>
    public ConcurrentDictionary<(string Symbol, Timeframe Timeframe), Exception> FailingTimeframes { get; } = new();

    /// <summary>Timeframes of a symbol whose history answers only once the test completes the gate.</summary>
    public ConcurrentDictionary<(string Symbol, Timeframe Timeframe), TaskCompletionSource> HeldTimeframes { get; } = new();

    /// <summary>Every history request (of either kind), in order.</summary>
    public ConcurrentQueue<(string Symbol, Timeframe Timeframe)> HistoryRequests { get; } = new();

    /// <summary>The timeframes asked for a symbol's history so far.</summary>
    public IReadOnlySet<Timeframe> AskedFor(string symbol) =>
        HistoryRequests.Where(r => r.Symbol == symbol).Select(r => r.Timeframe).ToHashSet();

    public async Task<BarHistory> GetBarsAsync(string symbol, Timeframe timeframe, int count, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await AnswerAsync(symbol, timeframe, cancellationToken);
        if (FailingHistory.TryGetValue(symbol, out var failure)) throw failure;
        if (SlowHistory.TryGetValue(symbol, out var delay)) await Task.Delay(delay, cancellationToken);
        if (EmptyHistory.ContainsKey(symbol)) return new BarHistory([], IsComplete: true);
        return new BarHistory(_market.Bars(SymbolUniverse.Find(symbol)!, timeframe, count, asOf), IsComplete: false);
    }

    public async Task<IReadOnlyList<Bar>> GetBarsBetweenAsync(string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await AnswerAsync(symbol, timeframe, cancellationToken);
        if (EmptyHistory.ContainsKey(symbol)) return [];
        return _market.BarsBetween(SymbolUniverse.Find(symbol)!, timeframe, from, to < Now ? to : Now);
    }

    /// <summary>Counts a request, then holds or fails it as the test set up.</summary>
    private async Task AnswerAsync(string symbol, Timeframe timeframe, CancellationToken cancellationToken)
    {
        HistoryRequests.Enqueue((symbol, timeframe));
        if (HeldTimeframes.TryGetValue((symbol, timeframe), out var gate)) await gate.Task.WaitAsync(cancellationToken);
        if (FailingTimeframes.TryGetValue((symbol, timeframe), out var failure)) throw failure;
    }

    public ILiveBarFeed OpenLiveFeed()
    {
        var feed = new ScriptedFeed();
        lock (_feeds) _feeds.Add(feed);
        return feed;
    }

    /// <summary>Sends a bar through the newest open feed, as the upstream would.</summary>
    public void Send(string symbol, Bar bar) => Feeds[^1].Send(new SymbolBar(symbol, bar));

    public sealed class ScriptedFeed : ILiveBarFeed
    {
        private readonly Channel<SymbolBar> _bars = Channel.CreateUnbounded<SymbolBar>();
        private readonly HashSet<string> _symbols = [];

        public ChannelReader<SymbolBar> Bars => _bars.Reader;
        public bool Connected => true;
        public string State => "scripted";
        public string? LastError => null;
        public DateTimeOffset? LastMessageTime => null;

        public IReadOnlyCollection<string> Symbols
        {
            get { lock (_symbols) return _symbols.ToArray(); }
        }

        /// <summary>The resume point each symbol was subscribed with.</summary>
        public Dictionary<string, DateTimeOffset?> ResumedAfter { get; } = [];

        public void Subscribe(string symbol, DateTimeOffset? resumeAfter)
        {
            lock (_symbols) ResumedAfter[symbol] = resumeAfter;
            lock (_symbols) _symbols.Add(symbol);
        }

        public void Unsubscribe(string symbol)
        {
            lock (_symbols) _symbols.Remove(symbol);
        }

        public void Send(SymbolBar bar) => _bars.Writer.TryWrite(bar);

        public ValueTask DisposeAsync()
        {
            _bars.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}
