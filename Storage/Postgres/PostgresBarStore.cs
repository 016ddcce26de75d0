using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using OrleansMarketData.Model;

namespace OrleansMarketData.Storage.Postgres;

/// <summary>
/// The shared store of a cluster, on PostgreSQL through Npgsql's pooled data source. A write is one transaction of
/// one round trip: the bars, the sequence heads and the coverage each go as arrays (<c>unnest</c>) in a single
/// statement, sent together as one batch, upserted with <c>ON CONFLICT</c>; Npgsql prepares statements it sees
/// repeatedly. Rows are written in key order so that silos writing at once never deadlock.
/// </summary>
public sealed partial class PostgresBarStore : IBarStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _database;

    public PostgresBarStore(IOptions<BarStoreOptions> options)
    {
        var builder = new NpgsqlDataSourceBuilder(options.Value.Postgres.ConnectionString);
        // Statements used over and over (every write, every read) are prepared once per connection.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        _database = builder.ConnectionStringBuilder.Database ?? builder.ConnectionStringBuilder.Username ?? "postgres";
        _dataSource = builder.Build();
    }

    public string Provider => BarStoreProviders.Postgres;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({PostgresSchema.MigrationLock});", cancellationToken);
        await ExecuteAsync(connection, PostgresSchema.VersionTable, cancellationToken);
        await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM bar_store_schema;", connection);
        var version = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken));
        if (version > PostgresSchema.Version)
            throw new BarStoreUnusableException(
                $"the PostgreSQL bar store (database '{_database}') has schema version {version}, newer than the {PostgresSchema.Version} this build knows");
        for (var step = version + 1; step <= PostgresSchema.Version; step++)
        {
            await ExecuteAsync(connection, PostgresSchema.Steps[step - 1], cancellationToken);
            await ExecuteAsync(connection, $"INSERT INTO bar_store_schema (version) VALUES ({step});", cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task WriteAsync(BarBatch batch, CancellationToken cancellationToken)
    {
        BarBatchRules.Validate(batch);
        if (batch.IsEmpty) return;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var commands = new NpgsqlBatch(connection, transaction);
        if (batch.Bars.Count > 0)
        {
            var bars = BatchRows.Ordered(batch.Bars);
            commands.BatchCommands.Add(UpsertBars(bars));
            if (BatchRows.Heads(bars) is { Count: > 0 } heads) commands.BatchCommands.Add(UpsertHeads(heads));
        }
        if (batch.Covered.Count > 0) commands.BatchCommands.Add(MergeCoverage(BatchRows.MergedCoverage(batch.Covered)));
        await commands.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> DeleteOlderThanAsync(Timeframe timeframe, DateTimeOffset cutoff, int maxRows, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var tf = TimeframeCodes.Code(timeframe);
        var at = cutoff.UtcDateTime;
        // Coverage first: a sweep stopped half-way must never leave a range claiming bars it deleted.
        await using var commands = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("DELETE FROM bar_coverage WHERE timeframe = $1 AND end_time <= $2;", tf, at),
                Command("UPDATE bar_coverage SET start_time = $2 WHERE timeframe = $1 AND start_time < $2;", tf, at),
                Command("""
                    DELETE FROM bars WHERE ctid = ANY(ARRAY(
                        SELECT ctid FROM bars WHERE timeframe = $1 AND bar_time < $2 LIMIT $3));
                    """, tf, at, maxRows),
            },
        };
        await commands.ExecuteNonQueryAsync(cancellationToken);
        var deleted = commands.BatchCommands[2].RecordsAffected;
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    private static NpgsqlBatchCommand UpsertBars(IReadOnlyList<StoredBar> bars)
    {
        var n = bars.Count;
        var symbols = new string[n];
        var timeframes = new short[n];
        var times = new DateTime[n];
        var opens = new double[n];
        var highs = new double[n];
        var lows = new double[n];
        var closes = new double[n];
        var volumes = new long[n];
        var trades = new long?[n];
        var vwaps = new double?[n];
        var sequences = new long?[n];
        for (var i = 0; i < n; i++)
        {
            var row = bars[i];
            symbols[i] = row.Symbol;
            timeframes[i] = TimeframeCodes.Code(row.Timeframe);
            times[i] = row.Time.UtcDateTime;
            opens[i] = row.Bar.Open;
            highs[i] = row.Bar.High;
            lows[i] = row.Bar.Low;
            closes[i] = row.Bar.Close;
            volumes[i] = row.Bar.Volume;
            trades[i] = row.Bar.TradeCount;
            vwaps[i] = row.Bar.Vwap;
            sequences[i] = row.Sequence;
        }
        return Command("""
            INSERT INTO bars AS b (symbol, timeframe, bar_time, open, high, low, close, volume, trade_count, vwap, sequence)
            SELECT * FROM unnest($1::text[], $2::smallint[], $3::timestamptz[], $4::float8[], $5::float8[], $6::float8[],
                                 $7::float8[], $8::int8[], $9::int8[], $10::float8[], $11::int8[])
            ON CONFLICT (symbol, timeframe, bar_time) DO UPDATE SET
                open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
                volume = excluded.volume, trade_count = excluded.trade_count, vwap = excluded.vwap,
                sequence = coalesce(excluded.sequence, b.sequence);
            """, symbols, timeframes, times, opens, highs, lows, closes, volumes, trades, vwaps, sequences);
    }

    private static NpgsqlBatchCommand UpsertHeads(List<SequenceHead> heads) => Command("""
        INSERT INTO bar_sequence_heads AS h (symbol, sequence, newest_time)
        SELECT * FROM unnest($1::text[], $2::int8[], $3::timestamptz[])
        ON CONFLICT (symbol) DO UPDATE SET
            sequence = greatest(h.sequence, excluded.sequence), newest_time = greatest(h.newest_time, excluded.newest_time);
        """,
        heads.Select(h => h.Symbol).ToArray(), heads.Select(h => h.Sequence).ToArray(),
        heads.Select(h => h.NewestBarTime.UtcDateTime).ToArray());

    /// <summary>
    /// Deletes the stored ranges that overlap or touch any new one and inserts the union of each connected group
    /// (the "islands" of the new and the removed ranges, by a running maximum of ends): stored ranges that touch
    /// no new one are disjoint from every island, so the table stays a set of disjoint, non-touching ranges.
    /// </summary>
    private static NpgsqlBatchCommand MergeCoverage(List<BarRange> ranges) => Command("""
        WITH input AS (
            SELECT * FROM unnest($1::text[], $2::smallint[], $3::timestamptz[], $4::timestamptz[])
                AS i (symbol, timeframe, start_time, end_time)),
        removed AS (
            DELETE FROM bar_coverage c USING input i
            WHERE c.symbol = i.symbol AND c.timeframe = i.timeframe AND c.start_time <= i.end_time AND c.end_time >= i.start_time
            RETURNING c.symbol, c.timeframe, c.start_time, c.end_time),
        ranges AS (SELECT * FROM input UNION ALL SELECT * FROM removed),
        marked AS (
            SELECT *, CASE WHEN start_time <= max(end_time) OVER (PARTITION BY symbol, timeframe ORDER BY start_time, end_time
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS starts_island
            FROM ranges),
        islands AS (
            SELECT *, sum(starts_island) OVER (PARTITION BY symbol, timeframe ORDER BY start_time, end_time ROWS UNBOUNDED PRECEDING) AS island
            FROM marked)
        INSERT INTO bar_coverage (symbol, timeframe, start_time, end_time)
        SELECT symbol, timeframe, min(start_time), max(end_time) FROM islands GROUP BY symbol, timeframe, island;
        """,
        ranges.Select(r => r.Symbol).ToArray(), ranges.Select(r => TimeframeCodes.Code(r.Timeframe)).ToArray(),
        ranges.Select(r => r.From.UtcDateTime).ToArray(), ranges.Select(r => r.To.UtcDateTime).ToArray());

    private static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters) command.Parameters.Add(Parameter(value));
        return command;
    }

    private static NpgsqlParameter Parameter(object value) => value switch
    {
        // Explicit, so that an empty array or a value of any Kind still means timestamptz.
        DateTime[] => new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
        DateTime => new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
        _ => new NpgsqlParameter { Value = value },
    };

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
