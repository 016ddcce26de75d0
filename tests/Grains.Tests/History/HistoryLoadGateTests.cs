using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.History;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;
using OrleansMarketData.Sources;
using OrleansMarketData.Storage;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Tests.History;

/// <summary>
/// A herd of symbols loading at once: a silo runs at most <see cref="HistoryOptions.MaxConcurrentLoads"/> history
/// loads at a time, and the rest wait their turn in the order they came, instead of all taking the thread pool that
/// live bars need. Counted, not timed; no clock is involved (the source answers whatever the test releases).
/// </summary>
public sealed class HistoryLoadGateTests
{
    private static readonly DateTimeOffset AsOf = new(2025, 11, 26, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Loads_beyond_the_bound_wait_their_turn_in_order()
    {
        var source = new HeldSource();
        var gate = new HistoryLoadGate(Options.Create(new HistoryOptions { MaxConcurrentLoads = 2 }), source);
        await using var writer = new BarStoreWriter(new NullBarStore(), Options.Create(new BarStoreOptions()), TimeProvider.System,
            NullLogger<BarStoreWriter>.Instance);
        var histories = new StoreFirstHistory(source, new NullBarStore(), writer, gate, Options.Create(new IndicatorOptions()), NullLogger<StoreFirstHistory>.Instance);

        var symbols = Enumerable.Range(1, 10).Select(i => $"SYN{i:D5}").ToList();
        var loads = symbols.Select(s => histories.LoadAsync(s, Timeframe.Minute1, 10, AsOf, CancellationToken.None)).ToList();

        await Eventually.UntilAsync(() => source.Started.Count == 2 && gate.Waiting == 8, "two loads running and eight waiting");
        for (var released = 0; released < symbols.Count; released++)
        {
            source.ReleaseOne();
            await Eventually.UntilAsync(() => source.Finished >= released + 1, $"load {released + 1} finished");
            // The freed turn goes to the first waiter at once, but its load starts on the thread pool: wait for it
            // before the next release, or two granted loads may race to record their start.
            var started = Math.Min(symbols.Count, released + 3);
            await Eventually.UntilAsync(() => source.Started.Count == started, $"{started} loads started");
            Assert.True(source.Running <= 2, $"{source.Running} loads ran at once");
        }
        await Task.WhenAll(loads);

        Assert.Equal(2, source.MostAtOnce);
        Assert.Equal(symbols, source.Started.ToList());
        Assert.Equal(0, gate.Waiting);
        Assert.Equal(0, gate.Running);
    }

    [Fact]
    public void The_automatic_bound_leaves_a_processor_to_live_bars_for_the_simulator_and_lets_alpaca_batch()
    {
        var simulator = new HistoryLoadGate(Options.Create(new HistoryOptions()), new HeldSource());
        var alpaca = new HistoryLoadGate(Options.Create(new HistoryOptions()), new HeldSource { IsAlpaca = true });

        Assert.Equal(Math.Max(1, Environment.ProcessorCount - 1), simulator.Capacity);
        Assert.Equal(64, alpaca.Capacity);
    }

    /// <summary>A source whose history calls run until the test releases them, one at a time.</summary>
    private sealed class HeldSource : IMarketDataSource
    {
        private readonly SemaphoreSlim _release = new(0);
        private int _running;
        private int _finished;
        private int _most;

        public ConcurrentQueue<string> Started { get; } = new();
        public int Running => Volatile.Read(ref _running);
        public int Finished => Volatile.Read(ref _finished);
        public int MostAtOnce => Volatile.Read(ref _most);

        public string FeedName => "test";
        public bool IsAlpaca { get; init; }
        public IMarketCalendar Calendar { get; } = new NyseCalendar();
        public DateTimeOffset Now => AsOf;

        public void ReleaseOne() => _release.Release();

        public ValueTask<bool> IsKnownSymbolAsync(string symbol, CancellationToken cancellationToken) => ValueTask.FromResult(true);

        public async Task<BarHistory> GetBarsAsync(string symbol, Timeframe timeframe, int count, DateTimeOffset asOf, CancellationToken cancellationToken)
        {
            var running = Interlocked.Increment(ref _running);
            for (var most = _most; running > most; most = _most) Interlocked.CompareExchange(ref _most, running, most);
            Started.Enqueue(symbol);
            await _release.WaitAsync(cancellationToken);
            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref _finished);
            return new BarHistory([], IsComplete: true);
        }

        public Task<IReadOnlyList<Bar>> GetBarsBetweenAsync(string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Bar>>([]);

        public ILiveBarFeed OpenLiveFeed() => throw new NotSupportedException();
    }
}
