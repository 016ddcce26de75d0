using Microsoft.Extensions.Options;
using OrleansMarketData.Storage.Postgres;
using OrleansMarketData.Testing;
using static OrleansMarketData.Storage.Tests.Infrastructure.Rows;

namespace OrleansMarketData.Storage.Tests;

/// <summary>
/// A PostgreSQL restart ends every connection, and the pool finds out only when it hands one out: the first reads
/// after the restart must not fail on those. A feed activated then read its sequence heads on one, and failed.
/// </summary>
public sealed class PostgresRestartTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Every_kind_of_read_answers_on_its_first_try_after_PostgreSQL_restarted()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var store = new PostgresBarStore(Options.Create(new BarStoreOptions { Postgres = { ConnectionString = await server.CreateDatabaseAsync() } }));
        await store.InitializeAsync(None);
        await store.WriteAsync(new BarBatch([Minute1("AAPL", 0, 100, sequence: 1), Minute1("AAPL", 1, 101, sequence: 2)],
            [Range("AAPL", Timeframe.Minute1, 0, 2)]), None);
        // Several reads at once, so that the pool holds several connections when the server goes.
        Task<object>[] AllReads() =>
        [
            Boxed(store.ReadLatestAsync("AAPL", Timeframe.Minute1, Minute(2), 10, None)),
            Boxed(store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(1), 10, false, None)),
            Boxed(store.ReadAfterSequenceAsync("AAPL", 0, 10, None)),
            Boxed(store.ReadSequenceHeadsAsync(None)),
            Boxed(store.ReadCoverageAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(2), None)),
        ];
        await Task.WhenAll(AllReads());

        await server.StopAsync();
        await server.StartAgainAsync();

        var again = await Task.WhenAll(AllReads());
        Assert.Equal([Minute(0), Minute(1)], ((IReadOnlyList<StoredBar>)again[0]).Select(row => row.Time));
        Assert.Equal(2, ((IReadOnlyList<SequenceHead>)again[3]).Single().Sequence);
        Assert.Equal([Range("AAPL", Timeframe.Minute1, 0, 2)], (IReadOnlyList<BarRange>)again[4]);
    }

    private static async Task<object> Boxed<T>(Task<T> read) => (await read)!;
}
