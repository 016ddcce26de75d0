using OrleansMarketData.Storage.Tests.Infrastructure;
using static OrleansMarketData.Storage.Tests.Infrastructure.Rows;

namespace OrleansMarketData.Storage.Tests;

/// <summary>
/// What every <see cref="IBarStore"/> engine must do, run against the real engine by each subclass: a fresh,
/// initialized store per test, and raw SQL for fixtures the API cannot make (a previous schema, a failing row).
/// </summary>
public abstract partial class BarStoreContract : IAsyncLifetime
{
    private IBarStore? _store;

    protected IBarStore Store => _store ?? throw new InvalidOperationException("not initialized");

    /// <summary>A store on a new, empty database; not yet initialized.</summary>
    protected abstract Task<IBarStore> CreateStoreAsync();

    /// <summary>Runs SQL on the database of <see cref="CreateStoreAsync"/>'s last store.</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    /// <summary>SQL that makes every insert of a coverage range of <paramref name="symbol"/> fail inside the engine.</summary>
    protected abstract string RefuseCoverageOf(string symbol);

    /// <summary>Schema version 1 as the build that wrote it created it: the bars table, version 1 recorded.</summary>
    protected abstract string SchemaVersion1 { get; }

    /// <summary>A v1 row: (symbol, timeframe code, bar start, close, sequence) in the engine's types.</summary>
    protected abstract string InsertVersion1Bar(string symbol, int timeframeCode, DateTimeOffset time, double close, long? sequence);

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Bars_read_back_with_every_column_in_range_order_and_limit()
    {
        var rows = new[]
        {
            Bar("AAPL", Timeframe.Minute1, Minute(0), 100, sequence: 1, trades: 42, vwap: 99.75, volume: 12_345),
            Bar("AAPL", Timeframe.Minute1, Minute(1), 101, sequence: 2),
            Bar("AAPL", Timeframe.Minute1, Minute(2), 102),
            Bar("AAPL", Timeframe.Minute5, Minute(0), 500),
            Bar("MSFT", Timeframe.Minute1, Minute(1), 300),
        };
        await Store.WriteAsync(new BarBatch(rows), None);

        var ascending = await Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(2), 10, descending: false, None);
        Assert.Equal(rows[..3], ascending);
        var first = ascending[0];
        Assert.Equal((42L, 99.75, 1L, 12_345L), (first.Bar.TradeCount!.Value, first.Bar.Vwap!.Value, first.Sequence!.Value, first.Bar.Volume));
        Assert.Equal((99.5, 101.0, 99.0, 100.0), (first.Bar.Open, first.Bar.High, first.Bar.Low, first.Bar.Close));
        Assert.Equal(TimeSpan.Zero, first.Time.Offset);

        // Both ends inclusive; the limit counts from the start, or from the end when descending.
        Assert.Equal([rows[1], rows[2]], await Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(1), Minute(2), 10, false, None));
        Assert.Equal([rows[0], rows[1]], await Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(2), 2, false, None));
        Assert.Equal([rows[2], rows[1]], await Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(2), 2, true, None));
        Assert.Equal([rows[3]], await Store.ReadRangeAsync("AAPL", Timeframe.Minute5, Minute(-60), Minute(60), 10, false, None));
        Assert.Empty(await Store.ReadRangeAsync("AAPL", Timeframe.Minute15, Minute(-60), Minute(60), 10, false, None));
        Assert.Empty(await Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(3), Minute(60), 10, false, None));
    }

    [Fact]
    public async Task Newest_bars_before_a_time_come_oldest_first()
    {
        await Store.WriteAsync(new BarBatch([.. Enumerable.Range(0, 20).Select(m => Minute1("AAPL", m, 100 + m))]), None);

        var latest = await Store.ReadLatestAsync("AAPL", Timeframe.Minute1, Minute(10), 3, None);
        Assert.Equal([Minute(7), Minute(8), Minute(9)], latest.Select(b => b.Time));
        Assert.Equal(20, (await Store.ReadLatestAsync("AAPL", Timeframe.Minute1, Minute(100), 50, None)).Count);
        Assert.Empty(await Store.ReadLatestAsync("AAPL", Timeframe.Minute1, Minute(0), 5, None));
        Assert.Empty(await Store.ReadLatestAsync("MSFT", Timeframe.Minute1, Minute(100), 5, None));
    }

    [Fact]
    public async Task A_corrected_bar_replaces_its_row_and_takes_the_new_sequence()
    {
        await Store.WriteAsync(new BarBatch([Minute1("AAPL", 0, 100, sequence: 1), Minute1("AAPL", 1, 101, sequence: 2)]), None);
        await Store.WriteAsync(new BarBatch([Bar("AAPL", Timeframe.Minute1, Minute(0), 150, sequence: 3, trades: 7, vwap: 149.5)]), None);

        var rows = await Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(1), 10, false, None);
        Assert.Equal(2, rows.Count);
        Assert.Equal((150.0, 3L, 7L, 149.5), (rows[0].Bar.Close, rows[0].Sequence!.Value, rows[0].Bar.TradeCount!.Value, rows[0].Bar.Vwap!.Value));
        Assert.Equal([2L, 3L], (await Store.ReadAfterSequenceAsync("AAPL", 0, 10, None)).Select(b => b.Sequence!.Value));

        // A history page's copy of the minute (no sequence, no trade count) replaces the values and keeps the number.
        await Store.WriteAsync(new BarBatch([Minute1("AAPL", 0, 160)]), None);
        var replaced = (await Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(0), 10, false, None)).Single();
        Assert.Equal((160.0, 3L), (replaced.Bar.Close, replaced.Sequence!.Value));
        Assert.Null(replaced.Bar.TradeCount);
        Assert.Null(replaced.Bar.Vwap);
    }

    [Fact]
    public async Task Of_two_bars_with_one_key_in_a_batch_the_later_wins_as_if_written_in_turn()
    {
        await Store.WriteAsync(new BarBatch(
        [
            Minute1("MSFT", 0, 300, sequence: 9),
            Minute1("AAPL", 0, 100, sequence: 5),
            Minute1("AAPL", 0, 111),
            Minute1("MSFT", 0, 333, sequence: 10),
        ]), None);

        var aapl = (await Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(0), 10, false, None)).Single();
        var msft = (await Store.ReadRangeAsync("MSFT", Timeframe.Minute1, Minute(0), Minute(0), 10, false, None)).Single();
        Assert.Equal((111.0, 5L), (aapl.Bar.Close, aapl.Sequence!.Value));
        Assert.Equal((333.0, 10L), (msft.Bar.Close, msft.Sequence!.Value));
    }

    [Fact]
    public async Task A_batch_that_fails_inside_the_engine_leaves_nothing_behind()
    {
        await Store.WriteAsync(new BarBatch([Minute1("AAPL", 0, 100, sequence: 1)]), None);
        await ExecuteSqlAsync(RefuseCoverageOf("FAIL"));

        // Coverage is written after the bars and the sequence heads: they must be undone with it.
        var batch = new BarBatch(
            [Minute1("AAPL", 0, 999, sequence: 2), Minute1("AAPL", 1, 101, sequence: 3), Minute1("MSFT", 1, 300, sequence: 1)],
            [Range("AAPL", Timeframe.Minute1, 0, 2), Range("FAIL", Timeframe.Minute1, 0, 2)]);
        await Assert.ThrowsAnyAsync<Exception>(() => Store.WriteAsync(batch, None));

        var aapl = await Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(5), 10, false, None);
        Assert.Equal((100.0, 1L), (aapl.Single().Bar.Close, aapl.Single().Sequence!.Value));
        Assert.Empty(await Store.ReadRangeAsync("MSFT", Timeframe.Minute1, Minute(0), Minute(5), 10, false, None));
        Assert.Empty(await Store.ReadCoverageAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(5), None));
        Assert.Equal([new SequenceHead("AAPL", 1, Minute(0))], await Store.ReadSequenceHeadsAsync(None));
    }

    [Fact]
    public async Task Sequence_reads_follow_the_numbers_and_heads_keep_the_highest_number_and_newest_minute()
    {
        await Store.WriteAsync(new BarBatch([.. Enumerable.Range(0, 10).Select(m => Minute1("AAPL", m, 100 + m, sequence: 100 + m))]), None);
        await Store.WriteAsync(new BarBatch([Minute1("MSFT", 0, 300, sequence: 1), Bar("MSFT", Timeframe.Minute5, Minute(0), 300)]), None);

        var after = await Store.ReadAfterSequenceAsync("AAPL", 104, 3, None);
        Assert.Equal([105L, 106L, 107L], after.Select(b => b.Sequence!.Value));
        Assert.Equal([Minute(5), Minute(6), Minute(7)], after.Select(b => b.Time));
        Assert.All(after, b => Assert.Equal(Timeframe.Minute1, b.Timeframe));
        Assert.Empty(await Store.ReadAfterSequenceAsync("AAPL", 109, 3, None));
        Assert.Single(await Store.ReadAfterSequenceAsync("MSFT", 0, 10, None));

        // A correction of an older minute raises the number, not the newest minute.
        await Store.WriteAsync(new BarBatch([Minute1("AAPL", 3, 555, sequence: 110)]), None);
        Assert.Equal(
            [new SequenceHead("AAPL", 110, Minute(9)), new SequenceHead("MSFT", 1, Minute(0))],
            await Store.ReadSequenceHeadsAsync(None));
        Assert.Equal([Minute(3)], (await Store.ReadAfterSequenceAsync("AAPL", 109, 10, None)).Select(b => b.Time));
    }

    [Fact]
    public async Task Coverage_merges_ranges_that_overlap_or_touch_and_reads_those_overlapping_a_range()
    {
        await Store.WriteAsync(new BarBatch([], [Range("AAPL", Timeframe.Minute1, 0, 5), Range("AAPL", Timeframe.Minute1, 10, 15)]), None);
        await Store.WriteAsync(new BarBatch([], [Range("AAPL", Timeframe.Minute1, 30, 40), Range("AAPL", Timeframe.Minute5, 0, 60)]), None);
        Assert.Equal(
            [Range("AAPL", Timeframe.Minute1, 0, 5), Range("AAPL", Timeframe.Minute1, 10, 15), Range("AAPL", Timeframe.Minute1, 30, 40)],
            await Store.ReadCoverageAsync("AAPL", Timeframe.Minute1, Minute(-100), Minute(100), None));

        // [5, 10) touches both neighbours: one range. A range inside another changes nothing.
        await Store.WriteAsync(new BarBatch([Minute1("AAPL", 7, 107)], [Range("AAPL", Timeframe.Minute1, 5, 10), Range("AAPL", Timeframe.Minute1, 32, 33)]), None);
        Assert.Equal(
            [Range("AAPL", Timeframe.Minute1, 0, 15), Range("AAPL", Timeframe.Minute1, 30, 40)],
            await Store.ReadCoverageAsync("AAPL", Timeframe.Minute1, Minute(-100), Minute(100), None));

        // One batch whose ranges bridge stored ones, and overlap each other.
        await Store.WriteAsync(new BarBatch([], [Range("AAPL", Timeframe.Minute1, 14, 25), Range("AAPL", Timeframe.Minute1, 20, 31), Range("AAPL", Timeframe.Minute1, 45, 50)]), None);
        Assert.Equal(
            [Range("AAPL", Timeframe.Minute1, 0, 40), Range("AAPL", Timeframe.Minute1, 45, 50)],
            await Store.ReadCoverageAsync("AAPL", Timeframe.Minute1, Minute(-100), Minute(100), None));

        // Reads return whole ranges that overlap [from, to); the end is exclusive on both sides.
        Assert.Equal([Range("AAPL", Timeframe.Minute1, 0, 40)], await Store.ReadCoverageAsync("AAPL", Timeframe.Minute1, Minute(39), Minute(45), None));
        Assert.Empty(await Store.ReadCoverageAsync("AAPL", Timeframe.Minute1, Minute(40), Minute(45), None));
        Assert.Equal([Range("AAPL", Timeframe.Minute5, 0, 60)], await Store.ReadCoverageAsync("AAPL", Timeframe.Minute5, Minute(0), Minute(1), None));
        Assert.Empty(await Store.ReadCoverageAsync("MSFT", Timeframe.Minute1, Minute(-100), Minute(100), None));
    }

    [Fact]
    public async Task Retention_deletes_old_bars_of_one_timeframe_in_bounded_steps_and_cuts_coverage_first()
    {
        await Store.WriteAsync(new BarBatch(
            [.. Enumerable.Range(0, 10).Select(m => Minute1("AAPL", m, 100 + m)), .. Enumerable.Range(0, 10).Select(m => Minute1("MSFT", m, 300 + m)),
             Bar("AAPL", Timeframe.Minute5, Minute(0), 500)],
            [Range("AAPL", Timeframe.Minute1, 0, 3), Range("AAPL", Timeframe.Minute1, 4, 10), Range("AAPL", Timeframe.Minute5, 0, 5)]), None);

        // 12 bars start before minute 6 (6 per symbol): steps of 5 delete 5, 5, then the last 2.
        Assert.Equal(5, await Store.DeleteOlderThanAsync(Timeframe.Minute1, Minute(6), 5, None));
        Assert.Equal([Range("AAPL", Timeframe.Minute1, 6, 10)], await Store.ReadCoverageAsync("AAPL", Timeframe.Minute1, Minute(-100), Minute(100), None));
        Assert.Equal(5, await Store.DeleteOlderThanAsync(Timeframe.Minute1, Minute(6), 5, None));
        Assert.Equal(2, await Store.DeleteOlderThanAsync(Timeframe.Minute1, Minute(6), 5, None));
        Assert.Equal(0, await Store.DeleteOlderThanAsync(Timeframe.Minute1, Minute(6), 5, None));

        Assert.Equal(Enumerable.Range(6, 4).Select(Minute), (await Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(-100), Minute(100), 100, false, None)).Select(b => b.Time));
        Assert.Equal(4, (await Store.ReadRangeAsync("MSFT", Timeframe.Minute1, Minute(-100), Minute(100), 100, false, None)).Count);
        Assert.Single(await Store.ReadRangeAsync("AAPL", Timeframe.Minute5, Minute(-100), Minute(100), 100, false, None));
        Assert.Equal([Range("AAPL", Timeframe.Minute5, 0, 5)], await Store.ReadCoverageAsync("AAPL", Timeframe.Minute5, Minute(-100), Minute(100), None));
    }

    [Fact]
    public async Task Retention_service_sweeps_every_timeframe_by_its_own_age()
    {
        var now = Minute(0).AddDays(100);
        await Store.WriteAsync(new BarBatch(
        [
            Bar("AAPL", Timeframe.Minute1, now.AddDays(-91), 1), Bar("AAPL", Timeframe.Minute1, now.AddDays(-91).AddMinutes(1), 2),
            Bar("AAPL", Timeframe.Minute1, now.AddDays(-89), 3),
            Bar("AAPL", Timeframe.Minute5, now.AddDays(-91), 4),
            Bar("AAPL", Timeframe.Day1, now.AddDays(-5000), 5),
        ]), None);
        var options = new BarStoreOptions { RetentionBatchSize = 1 };
        options.Retention.Minute1 = TimeSpan.FromDays(90);
        var service = new BarRetentionService(Store, Microsoft.Extensions.Options.Options.Create(options),
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now), Microsoft.Extensions.Logging.Abstractions.NullLogger<BarRetentionService>.Instance);

        Assert.Equal(2, await service.SweepAsync(None));
        Assert.Equal([now.AddDays(-89)], (await Store.ReadLatestAsync("AAPL", Timeframe.Minute1, now, 10, None)).Select(b => b.Time));
        Assert.Single(await Store.ReadLatestAsync("AAPL", Timeframe.Minute5, now, 10, None));
        Assert.Single(await Store.ReadLatestAsync("AAPL", Timeframe.Day1, now, 10, None));
    }

    [Fact]
    public async Task Initializing_again_changes_nothing()
    {
        await Store.WriteAsync(new BarBatch([Minute1("AAPL", 0, 100, sequence: 1)], [Range("AAPL", Timeframe.Minute1, 0, 1)]), None);
        await Store.InitializeAsync(None);
        await Store.InitializeAsync(None);
        Assert.Single(await Store.ReadLatestAsync("AAPL", Timeframe.Minute1, Minute(10), 10, None));
        Assert.Single(await Store.ReadCoverageAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(1), None));
    }

    [Fact]
    public async Task A_version_1_database_is_migrated_with_its_bars_and_their_sequence_heads()
    {
        await DisposeAsync();
        _store = await CreateStoreAsync();
        await ExecuteSqlAsync(SchemaVersion1);
        await ExecuteSqlAsync(InsertVersion1Bar("AAPL", 1, Minute(0), 100, 7));
        await ExecuteSqlAsync(InsertVersion1Bar("AAPL", 1, Minute(1), 101, 8));
        await ExecuteSqlAsync(InsertVersion1Bar("AAPL", 5, Minute(0), 500, null));
        await ExecuteSqlAsync(InsertVersion1Bar("MSFT", 1, Minute(0), 300, null));

        await Store.InitializeAsync(None);

        Assert.Equal([100.0, 101.0], (await Store.ReadLatestAsync("AAPL", Timeframe.Minute1, Minute(10), 10, None)).Select(b => b.Bar.Close));
        Assert.Equal([500.0], (await Store.ReadLatestAsync("AAPL", Timeframe.Minute5, Minute(10), 10, None)).Select(b => b.Bar.Close));
        Assert.Equal([new SequenceHead("AAPL", 8, Minute(1))], await Store.ReadSequenceHeadsAsync(None));
        await Store.WriteAsync(new BarBatch([Minute1("AAPL", 2, 102, sequence: 9)], [Range("AAPL", Timeframe.Minute1, 0, 3)]), None);
        Assert.Equal([Range("AAPL", Timeframe.Minute1, 0, 3)], await Store.ReadCoverageAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(3), None));
        Assert.Equal([new SequenceHead("AAPL", 9, Minute(2))], await Store.ReadSequenceHeadsAsync(None));
    }

    [Fact]
    public async Task A_schema_newer_than_the_build_refuses_to_start_naming_the_version()
    {
        await ExecuteSqlAsync("INSERT INTO bar_store_schema (version, applied_at) VALUES (99, CURRENT_TIMESTAMP);");
        var error = await Assert.ThrowsAsync<BarStoreUnusableException>(() => Store.InitializeAsync(None));
        Assert.Contains("version 99", error.Message);
    }

    [Fact]
    public async Task Batches_the_store_would_refuse_fail_before_touching_it()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(new BarBatch([Bar("AAPL", Timeframe.Minute1, Minute(0).AddMilliseconds(500), 1)]), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(new BarBatch([Bar("AAPL", Timeframe.Minute5, Minute(0), 1, sequence: 4)]), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(new BarBatch([Bar("AAPL", Timeframe.Minute1, Minute(0), double.NaN)]), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(new BarBatch([], [Range("AAPL", Timeframe.Minute1, 5, 5)]), None));
        Assert.Empty(await Store.ReadLatestAsync("AAPL", Timeframe.Minute1, Minute(10), 10, None));
    }
}
