using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansMarketData.Aggregation;
using OrleansMarketData.History;
using OrleansMarketData.Indicators;
using OrleansMarketData.Storage.Postgres;
using OrleansMarketData.Storage.Tests.Infrastructure;
using static OrleansMarketData.Storage.Tests.Infrastructure.Rows;

namespace OrleansMarketData.Storage.Tests;

/// <summary>
/// Minutes the writer's full queue dropped while PostgreSQL was stopped are fetched from the source again once it is
/// back, stored with their coverage as a history load stores what it fetched; a range the source fails is tried again
/// in the next round.
/// </summary>
public sealed class LostRangeRefetcherTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Dropped_minutes_are_refetched_and_stored_once_the_store_is_back()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var rig = await Rig.StartAsync(server);

        await server.StopAsync();
        await rig.DropAsync(Range("AAPL", Timeframe.Minute1, 3, 5));
        // Nothing is refetched while the store is down.
        await rig.Refetcher.RefetchAsync(None);
        Assert.Empty(rig.Source.Asked);

        await rig.RecoverAsync(server);
        rig.Source.FailNext(1);
        await rig.Refetcher.RefetchAsync(None);
        Assert.Equal([Range("AAPL", Timeframe.Minute1, 3, 5)], rig.Source.Asked);
        Assert.Empty(await rig.Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(3), Minute(4), 10, false, None));

        await rig.Refetcher.RefetchAsync(None);
        Assert.Equal(2, rig.Source.Asked.Count);
        var refetched = await rig.Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(3), Minute(4), 10, false, None);
        Assert.Equal([MinuteSource.BarAt(Minute(3)), MinuteSource.BarAt(Minute(4))], refetched.Select(row => row.Bar));
        Assert.Equal([Range("AAPL", Timeframe.Minute1, 3, 5)], await rig.Store.ReadCoverageAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(10), None));
        Assert.Equal(0, rig.Writer.Status.LostRanges);
    }

    [Fact]
    public async Task A_refetched_range_that_reaches_the_forming_minute_stores_only_the_minutes_that_have_ended()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var rig = await Rig.StartAsync(server);
        // The clock is inside minute 5: its bar is still forming, and the feed stores its final version.
        rig.Source.Now = Minute(5).AddSeconds(30);

        await server.StopAsync();
        await rig.DropAsync(Range("AAPL", Timeframe.Minute1, 3, 6));
        await rig.RecoverAsync(server);
        await rig.Refetcher.RefetchAsync(None);

        // Minutes 1 and 2 are the bars that filled the queue.
        var stored = await rig.Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(3), Minute(10), 20, false, None);
        Assert.Equal([Minute(3), Minute(4)], stored.Select(row => row.Time));
        Assert.Equal([Range("AAPL", Timeframe.Minute1, 3, 5)], await rig.Store.ReadCoverageAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(10), None));
    }

    /// <summary>A writer with a two-bar queue over a PostgreSQL store, its refetcher, and the source both read from.</summary>
    private sealed class Rig(PostgresBarStore store, BarStoreWriter writer, MinuteSource source) : IAsyncDisposable
    {
        public PostgresBarStore Store => store;
        public BarStoreWriter Writer => writer;
        public MinuteSource Source => source;
        public LostRangeRefetcher Refetcher { get; } = new(writer,
            new StoreFirstHistory(source, store, writer, new HistoryLoadGate(Options.Create(new HistoryOptions()), source),
                Options.Create(new IndicatorOptions()), NullLogger<StoreFirstHistory>.Instance), TimeProvider.System,
            NullLogger<LostRangeRefetcher>.Instance);

        public static async Task<Rig> StartAsync(PostgresServer server)
        {
            var store = new PostgresBarStore(Options.Create(new BarStoreOptions { Postgres = { ConnectionString = await server.CreateDatabaseAsync() } }));
            var writer = new BarStoreWriter(store, Options.Create(new BarStoreOptions
            {
                WriteQueueBars = 2,
                WriteTimeout = TimeSpan.FromSeconds(3),
                RetryDelay = TimeSpan.FromMilliseconds(100),
                RetryMaxDelay = TimeSpan.FromMilliseconds(500),
            }), TimeProvider.System, NullLogger<BarStoreWriter>.Instance);
            await writer.StartAsync(None);
            return new Rig(store, writer, new MinuteSource());
        }

        /// <summary>Fills the queue with two live bars, so that a live batch for <paramref name="lost"/> is dropped.</summary>
        public async Task DropAsync(BarRange lost)
        {
            Assert.Equal(WriteOutcome.Queued, await writer.WriteLiveAsync(new BarBatch([Minute1(lost.Symbol, 1, 1), Minute1(lost.Symbol, 2, 2)])));
            var bars = Enumerable.Range(0, (int)(lost.To - lost.From).TotalMinutes)
                .Select(i => new StoredBar(lost.Symbol, lost.Timeframe, MinuteSource.BarAt(lost.From.AddMinutes(i)))).ToList();
            Assert.Equal(WriteOutcome.Dropped, await writer.WriteLiveAsync(new BarBatch(bars, [lost])));
        }

        public async Task RecoverAsync(PostgresServer server)
        {
            await server.StartAgainAsync();
            await Eventually.HoldsAsync(() => writer.Status is { Degraded: false, QueuedBars: 0 }, Recovery, () => writer.Status.ToString());
        }

        public async ValueTask DisposeAsync()
        {
            await writer.DisposeAsync();
            await store.DisposeAsync();
        }
    }
}
