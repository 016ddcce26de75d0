using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansMarketData.History;
using OrleansMarketData.Storage.Postgres;
using OrleansMarketData.Storage.Tests.Infrastructure;
using static OrleansMarketData.Storage.Tests.Infrastructure.Rows;

namespace OrleansMarketData.Storage.Tests;

/// <summary>
/// Minutes the writer's full queue dropped while PostgreSQL was stopped are fetched from the source again once it is
/// back, stored with their coverage; a range the source fails is tried again in the next round.
/// </summary>
public sealed class LostRangeRefetcherTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Dropped_minutes_are_refetched_and_stored_once_the_store_is_back()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var store = new PostgresBarStore(Options.Create(new BarStoreOptions { Postgres = { ConnectionString = await server.CreateDatabaseAsync() } }));
        await using var writer = new BarStoreWriter(store, Options.Create(new BarStoreOptions
        {
            WriteQueueBars = 2,
            WriteTimeout = TimeSpan.FromSeconds(3),
            RetryDelay = TimeSpan.FromMilliseconds(100),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
        }), TimeProvider.System, NullLogger<BarStoreWriter>.Instance);
        await writer.StartAsync(None);
        var source = new MinuteSource();
        var refetcher = new LostRangeRefetcher(writer, source, TimeProvider.System, NullLogger<LostRangeRefetcher>.Instance);

        await server.StopAsync();
        Assert.Equal(WriteOutcome.Queued, await writer.WriteAsync(new BarBatch([Minute1("AAPL", 1, 1), Minute1("AAPL", 2, 2)])));
        var dropped = new BarBatch([Minute1("AAPL", 3, 3), Minute1("AAPL", 4, 4)], [Range("AAPL", Timeframe.Minute1, 3, 5)]);
        Assert.Equal(WriteOutcome.Dropped, await writer.WriteAsync(dropped));
        // Nothing is refetched while the store is down.
        await refetcher.RefetchAsync(None);
        Assert.Empty(source.Asked);

        await server.StartAgainAsync();
        await Eventually.HoldsAsync(() => writer.Status is { Degraded: false, QueuedBars: 0 }, Recovery, () => writer.Status.ToString());
        source.FailNext(1);
        await refetcher.RefetchAsync(None);
        Assert.Equal([Range("AAPL", Timeframe.Minute1, 3, 5)], source.Asked);
        Assert.Empty(await store.ReadRangeAsync("AAPL", Timeframe.Minute1, Rows.Minute(3), Rows.Minute(4), 10, false, None));

        await refetcher.RefetchAsync(None);
        Assert.Equal(2, source.Asked.Count);
        var refetched = await store.ReadRangeAsync("AAPL", Timeframe.Minute1, Rows.Minute(3), Rows.Minute(4), 10, false, None);
        Assert.Equal([MinuteSource.BarAt(Rows.Minute(3)), MinuteSource.BarAt(Rows.Minute(4))], refetched.Select(row => row.Bar));
        Assert.Equal([Range("AAPL", Timeframe.Minute1, 3, 5)], await store.ReadCoverageAsync("AAPL", Timeframe.Minute1, Rows.Minute(0), Rows.Minute(10), None));
        Assert.Equal(0, writer.Status.LostRanges);
    }
}
