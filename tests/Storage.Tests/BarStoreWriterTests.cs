using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansMarketData.Storage.Postgres;
using OrleansMarketData.Storage.Sqlite;
using OrleansMarketData.Storage.Tests.Infrastructure;
using static OrleansMarketData.Storage.Tests.Infrastructure.Rows;

namespace OrleansMarketData.Storage.Tests;

/// <summary>
/// The writer in front of real engines across real faults: PostgreSQL stopped and started again, a SQLite file
/// locked by another connection. Each PostgreSQL test runs its own server, since it stops it.
/// </summary>
public sealed class BarStoreWriterTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("bar-store-writer-").FullName;

    [Fact]
    public async Task Writes_queue_while_PostgreSQL_is_stopped_and_are_flushed_in_order_when_it_returns()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await using var store = Postgres(connectionString);
        await using var writer = Writer(store);
        await writer.StartAsync(None);
        Assert.Equal(WriteOutcome.Stored, await writer.WriteAsync(Minute(0, 1)));

        await server.StopAsync();
        var outcomes = new List<WriteOutcome>();
        for (var m = 1; m <= 5; m++) outcomes.Add(await writer.WriteAsync(Minute(m, m + 1)));
        // Corrections of minute 1, in the order they were handed in: the last must win.
        outcomes.Add(await writer.WriteAsync(new BarBatch([Minute1("AAPL", 1, 999, sequence: 20)])));
        outcomes.Add(await writer.WriteAsync(new BarBatch([Minute1("AAPL", 1, 1001, sequence: 21)])));
        Assert.All(outcomes, o => Assert.Equal(WriteOutcome.Queued, o));

        var degraded = writer.Status;
        Assert.True(degraded.Degraded);
        Assert.Equal("degraded", degraded.State);
        Assert.Equal(12, degraded.QueuedBars);
        Assert.StartsWith("Postgres: ", degraded.Reason);
        Assert.DoesNotContain(server.Password, degraded.Reason);
        Assert.DoesNotContain("Password", degraded.Reason, StringComparison.OrdinalIgnoreCase);

        await server.StartAgainAsync();
        await Eventually.HoldsAsync(() => writer.Status is { Degraded: false, QueuedBars: 0 }, Recovery, () => writer.Status.ToString());

        var aapl = await store.ReadRangeAsync("AAPL", Timeframe.Minute1, Rows.Minute(0), Rows.Minute(10), 100, false, None);
        Assert.Equal(Enumerable.Range(0, 6).Select(Rows.Minute), aapl.Select(b => b.Time));
        Assert.Equal((1001.0, 21L), (aapl[1].Bar.Close, aapl[1].Sequence!.Value));
        Assert.Equal(6, (await store.ReadRangeAsync("MSFT", Timeframe.Minute1, Rows.Minute(0), Rows.Minute(10), 100, false, None)).Count);
        Assert.Equal(new SequenceHead("AAPL", 21, Rows.Minute(5)), (await store.ReadSequenceHeadsAsync(None))[0]);
        Assert.Equal(WriteOutcome.Stored, await writer.WriteAsync(Minute(6, 22)));
        Assert.Equal("ok", writer.Status.State);
    }

    [Fact]
    public async Task A_full_queue_drops_live_batches_counts_them_and_reports_their_ranges_for_refetching()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await using var store = Postgres(connectionString);
        await using var writer = Writer(store, queueBars: 5);
        await writer.StartAsync(None);

        await server.StopAsync();
        Assert.Equal(WriteOutcome.Queued, await writer.WriteLiveAsync(Minute(1, 1)));
        Assert.Equal(WriteOutcome.Queued, await writer.WriteLiveAsync(Minute(2, 2)));
        var tooMany = new BarBatch([Minute1("AAPL", 3, 103), Minute1("AAPL", 4, 104), Minute1("MSFT", 3, 303)]);
        Assert.Equal(WriteOutcome.Dropped, await writer.WriteLiveAsync(tooMany));
        Assert.Equal(WriteOutcome.Queued, await writer.WriteLiveAsync(new BarBatch([Minute1("AAPL", 5, 105)])));
        await Eventually.HoldsAsync(() => writer.Status.LostRanges == 2, Recovery, () => writer.Status.ToString());
        Assert.Equal((5L, 1L, 3L), (writer.Status.QueuedBars, writer.Status.DroppedBatches, writer.Status.DroppedBars));

        await server.StartAgainAsync();
        await Eventually.HoldsAsync(() => writer.Status is { Degraded: false, QueuedBars: 0 }, Recovery, () => writer.Status.ToString());

        var aapl = await store.ReadRangeAsync("AAPL", Timeframe.Minute1, Rows.Minute(0), Rows.Minute(10), 100, false, None);
        Assert.Equal([Rows.Minute(1), Rows.Minute(2), Rows.Minute(5)], aapl.Select(b => b.Time));
        Assert.Equal(
            [Range("AAPL", Timeframe.Minute1, 3, 5), Range("MSFT", Timeframe.Minute1, 3, 4)],
            await writer.TakeLostRangesAsync());
        Assert.Equal(0, writer.Status.LostRanges);
        Assert.Empty(await writer.TakeLostRangesAsync());
        Assert.Equal((1L, 3L), (writer.Status.DroppedBatches, writer.Status.DroppedBars));
    }

    [Fact]
    public async Task History_pages_fill_half_the_queue_at_most_and_are_skipped_beyond_it_leaving_the_rest_to_live_bars()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await using var store = Postgres(connectionString);
        await using var writer = Writer(store, queueBars: 6);
        await writer.StartAsync(None);

        await server.StopAsync();
        Assert.Equal(WriteOutcome.Queued, await writer.WriteAsync(Minute(1, 1)));
        var page = new BarBatch([Minute1("AAPL", 2, 102), Minute1("AAPL", 3, 103), Minute1("AAPL", 4, 104)], [Range("AAPL", Timeframe.Minute1, 2, 5)]);
        Assert.Equal(WriteOutcome.Skipped, await writer.WriteAsync(page));
        // Live bars still find room: the half the history pages may not use.
        var live = new BarBatch([Minute1("AAPL", 5, 105), Minute1("AAPL", 6, 106), Minute1("AAPL", 7, 107), Minute1("AAPL", 8, 108)]);
        Assert.Equal(WriteOutcome.Queued, await writer.WriteLiveAsync(live));
        Assert.Equal((6L, 0L, 3L), (writer.Status.QueuedBars, writer.Status.DroppedBars, writer.Status.SkippedBars));

        await server.StartAgainAsync();
        await Eventually.HoldsAsync(() => writer.Status is { Degraded: false, QueuedBars: 0 }, Recovery, () => writer.Status.ToString());
        var aapl = await store.ReadRangeAsync("AAPL", Timeframe.Minute1, Rows.Minute(0), Rows.Minute(10), 100, false, None);
        Assert.Equal([1, 5, 6, 7, 8], aapl.Select(b => (int)(b.Time - Rows.Minute(0)).TotalMinutes));
        // A skipped page is not lost: nothing claims the store holds it, and the source gives it again on the next load.
        Assert.Empty(await writer.TakeLostRangesAsync());
        Assert.Equal([Range("AAPL", Timeframe.Minute1, 1, 2)], await store.ReadCoverageAsync("AAPL", Timeframe.Minute1, Rows.Minute(0), Rows.Minute(10), None));
    }

    [Fact]
    public async Task A_backlog_too_large_to_write_within_the_write_timeout_is_written_in_smaller_transactions()
    {
        var store = new SlowBarStore(TimeSpan.FromMilliseconds(20));
        await using var writer = Writer(store, queueBars: 10_000);
        await writer.StartAsync(None);

        store.Hang();
        // 30 batches of 10 bars wait behind a write that hangs: in one transaction they would take 6 s, twice the
        // write timeout, every time they were tried.
        var writes = Enumerable.Range(0, 30)
            .Select(i => writer.WriteLiveAsync(new BarBatch([.. Enumerable.Range(0, 10).Select(m => Minute1($"S{i:00}", m, 100 + m))])).AsTask())
            .ToList();
        await Eventually.HoldsAsync(() => writer.Status.Degraded, Recovery, () => writer.Status.ToString());
        store.Release();

        await Eventually.HoldsAsync(() => store.WrittenBars == 300 && writer.Status is { QueuedBars: 0, Degraded: false }, Recovery,
            () => $"{store.WrittenBars} bars written; {writer.Status}");
        await Task.WhenAll(writes);
    }

    [Fact]
    public async Task A_backlog_of_history_pages_is_written_in_transactions_of_at_most_5000_bars_so_live_bars_wait_little()
    {
        var store = new SlowBarStore(TimeSpan.Zero);
        await using var writer = Writer(store, queueBars: 100_000);
        await writer.StartAsync(None);

        store.Hang();
        // A herd's history pages pile up behind a write that hangs; a live batch arriving later waits for the
        // transaction then running, so none may hold the 20,000 bars at once.
        var pages = Enumerable.Range(0, 20)
            .Select(i => writer.WriteAsync(new BarBatch([.. Enumerable.Range(0, 1_000).Select(m => Minute1($"S{i:00}", m, 100 + m))])).AsTask())
            .ToList();
        await Eventually.HoldsAsync(() => writer.Status.QueuedBars == 20_000, Recovery, () => writer.Status.ToString());
        store.Release();

        await Eventually.HoldsAsync(() => store.WrittenBars == 20_000, Recovery, () => $"{store.WrittenBars} bars written; {writer.Status}");
        await Task.WhenAll(pages);
        Assert.InRange(store.LargestTransaction, 1_000, 5_000);
    }

    [Fact]
    public async Task A_writer_started_while_PostgreSQL_is_down_starts_degraded_and_creates_the_schema_when_it_comes_up()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await server.StopAsync();
        await using var store = Postgres(connectionString);
        await using var writer = Writer(store);

        await writer.StartAsync(None);
        Assert.True(writer.Status.Degraded);
        Assert.Equal(WriteOutcome.Queued, await writer.WriteAsync(Minute(0, 1)));

        await server.StartAgainAsync();
        await Eventually.HoldsAsync(() => writer.Status is { Degraded: false, QueuedBars: 0 }, Recovery, () => writer.Status.ToString());
        Assert.Equal(2, (await store.ReadSequenceHeadsAsync(None)).Count);
    }

    [Fact]
    public async Task A_locked_SQLite_file_degrades_the_store_until_the_lock_goes()
    {
        var path = Path.Combine(_dir, "bars.db");
        var store = new SqliteBarStore(Options.Create(new BarStoreOptions { Sqlite = { Path = path, BusyTimeout = TimeSpan.FromSeconds(1) } }));
        await using var writer = Writer(store);
        await writer.StartAsync(None);
        Assert.Equal(WriteOutcome.Stored, await writer.WriteAsync(Minute(0, 1)));

        await using (var locker = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            await locker.OpenAsync();
            await using var begin = locker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();

            Assert.Equal(WriteOutcome.Queued, await writer.WriteAsync(Minute(1, 2)));
            Assert.Equal(WriteOutcome.Queued, await writer.WriteAsync(Minute(2, 3)));
            Assert.True(writer.Status.Degraded);
            Assert.Contains("locked", writer.Status.Reason);

            await using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        await Eventually.HoldsAsync(() => writer.Status is { Degraded: false, QueuedBars: 0 }, Recovery, () => writer.Status.ToString());
        Assert.Equal(3, (await store.ReadLatestAsync("MSFT", Timeframe.Minute1, Rows.Minute(10), 10, None)).Count);
    }

    [Fact]
    public async Task A_load_can_wait_for_room_in_a_busy_queue_instead_of_having_its_bars_skipped()
    {
        var store = new SlowBarStore(TimeSpan.Zero);
        await using var writer = Writer(store, queueBars: 10);
        await writer.StartAsync(None);

        store.Hang();
        var first = writer.WriteAsync(new BarBatch([.. Enumerable.Range(0, 4).Select(m => Minute1("AAPL", m, 100 + m))])).AsTask();
        var room = writer.WaitForRoomAsync(3, TimeSpan.FromMinutes(1), None);
        // Four bars queued and three more would pass half the bound of ten: handed in now, they would be skipped.
        await Task.Delay(500);
        Assert.False(room.IsCompleted);

        store.Release();
        await room.WaitAsync(Recovery);
        Assert.Equal(WriteOutcome.Stored, await writer.WriteAsync(new BarBatch([.. Enumerable.Range(0, 3).Select(m => Minute1("MSFT", m, 100 + m))])));
        Assert.Equal(WriteOutcome.Stored, await first);
        Assert.Equal(0, writer.Status.SkippedBars);
    }

    [Fact]
    public async Task A_stopping_writer_stores_its_queued_history_pages_even_when_the_host_has_stopped_waiting()
    {
        var store = new SqliteBarStore(Options.Create(new BarStoreOptions { Sqlite = { Path = Path.Combine(_dir, "bars.db") } }));
        var writer = Writer(store, queueBars: 100_000);
        await writer.StartAsync(None);
        // A herd's history pages are still queued when the process is told to stop, its host's timeout already spent.
        var pages = Enumerable.Range(0, 20)
            .Select(i => writer.WriteAsync(new BarBatch(
                [.. Enumerable.Range(0, 1_000).Select(m => Minute1($"S{i:00}", m, 100 + m))],
                [Range($"S{i:00}", Timeframe.Minute1, 0, 1_000)])).AsTask())
            .ToList();

        await writer.StopAsync(new CancellationToken(canceled: true));

        Assert.All(await Task.WhenAll(pages), outcome => Assert.Equal(WriteOutcome.Stored, outcome));
        await writer.DisposeAsync();
        foreach (var symbol in Enumerable.Range(0, 20).Select(i => $"S{i:00}"))
        {
            Assert.Equal(1_000, (await store.ReadRangeAsync(symbol, Timeframe.Minute1, Rows.Minute(0), Rows.Minute(1_000), 2_000, false, None)).Count);
            Assert.Equal([Range(symbol, Timeframe.Minute1, 0, 1_000)], await store.ReadCoverageAsync(symbol, Timeframe.Minute1, Rows.Minute(0), Rows.Minute(1_000), None));
        }
    }

    [Fact]
    public async Task A_store_that_is_not_a_database_fails_start_up_naming_its_path()
    {
        var path = Path.Combine(_dir, "notes.db");
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat("plain text, not SQLite\n", 100)));
        var store = new SqliteBarStore(Options.Create(new BarStoreOptions { Sqlite = { Path = path } }));
        await using var writer = Writer(store);

        var error = await Assert.ThrowsAsync<BarStoreUnusableException>(() => writer.StartAsync(None));
        Assert.Contains(path, error.Message);
    }

    /// <summary>Minute <paramref name="minute"/>'s bars of AAPL and MSFT as the feed writes them, numbered <paramref name="sequence"/>.</summary>
    private static BarBatch Minute(int minute, long sequence) => new(
        [Minute1("AAPL", minute, 100 + minute, sequence), Minute1("MSFT", minute, 300 + minute, sequence)],
        [Range("AAPL", Timeframe.Minute1, minute, minute + 1), Range("MSFT", Timeframe.Minute1, minute, minute + 1)]);

    private static PostgresBarStore Postgres(string connectionString) =>
        new(Options.Create(new BarStoreOptions { Postgres = { ConnectionString = connectionString } }));

    private static BarStoreWriter Writer(IBarStore store, int queueBars = 1_000) =>
        new(store, Options.Create(new BarStoreOptions
        {
            WriteQueueBars = queueBars,
            WriteTimeout = TimeSpan.FromSeconds(3),
            RetryDelay = TimeSpan.FromMilliseconds(100),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
        }), TimeProvider.System, NullLogger<BarStoreWriter>.Instance);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
