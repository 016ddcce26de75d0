using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using OrleansMarketData.Model;

namespace OrleansMarketData.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode (readers never wait for the writer). Connections come from
/// Microsoft.Data.Sqlite's pool; a write is one <c>BEGIN IMMEDIATE</c> transaction with each statement prepared
/// once and run per row. <c>synchronous=NORMAL</c>: a commit survives the process being killed, not a power cut.
/// </summary>
public sealed partial class SqliteBarStore : IBarStore
{
    private const int SqliteNotADatabase = 26;
    private const int SqliteCantOpen = 14;

    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    public SqliteBarStore(IOptions<BarStoreOptions> options)
    {
        var sqlite = options.Value.Sqlite;
        Path = System.IO.Path.GetFullPath(sqlite.Path);
        _busyTimeoutMs = (int)Math.Ceiling(sqlite.BusyTimeout.TotalMilliseconds);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite's own retry of a locked database, in whole seconds.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(sqlite.BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    public string Provider => BarStoreProviders.Sqlite;

    /// <summary>The database file, absolute.</summary>
    public string Path { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BarStoreUnusableException($"BarStore:Sqlite:Path '{Path}': its folder cannot be created ({ex.Message})", ex);
        }
        try
        {
            await using var connection = await OpenForWriteAsync(cancellationToken);
            Execute(connection, "PRAGMA journal_mode=WAL;");
            using var transaction = connection.BeginTransaction();
            Execute(connection, SqliteSchema.VersionTable, transaction);
            var version = Convert.ToInt32(Scalar(connection, "SELECT coalesce(max(version), 0) FROM bar_store_schema;", transaction));
            if (version > SqliteSchema.Version)
                throw new BarStoreUnusableException(
                    $"BarStore:Sqlite:Path '{Path}' has bar store schema version {version}, newer than the {SqliteSchema.Version} this build knows");
            for (var step = version + 1; step <= SqliteSchema.Version; step++)
            {
                Execute(connection, SqliteSchema.Steps[step - 1], transaction);
                Execute(connection, $"INSERT INTO bar_store_schema (version, applied_at) VALUES ({step}, '{DateTimeOffset.UtcNow:O}');", transaction);
            }
            transaction.Commit();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteNotADatabase)
        {
            throw new BarStoreUnusableException($"BarStore:Sqlite:Path '{Path}' is not a SQLite database", ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteCantOpen)
        {
            throw new BarStoreUnusableException($"BarStore:Sqlite:Path '{Path}' cannot be opened as a database file", ex);
        }
    }

    public async Task WriteAsync(BarBatch batch, CancellationToken cancellationToken)
    {
        BarBatchRules.Validate(batch);
        if (batch.IsEmpty) return;
        var bars = BatchRows.Ordered(batch.Bars);
        await using var connection = await OpenForWriteAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        if (bars.Count > 0)
        {
            WriteBars(connection, transaction, bars, cancellationToken);
            WriteHeads(connection, transaction, BatchRows.Heads(bars));
        }
        if (batch.Covered.Count > 0) AddCoverage(connection, transaction, BatchRows.MergedCoverage(batch.Covered));
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
    }

    public async Task<int> DeleteOlderThanAsync(Timeframe timeframe, DateTimeOffset cutoff, int maxRows, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        await using var connection = await OpenForWriteAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        using var command = Command(connection, transaction, """
            DELETE FROM bar_coverage WHERE timeframe = $tf AND end_time <= $cutoff;
            UPDATE bar_coverage SET start_time = $cutoff WHERE timeframe = $tf AND start_time < $cutoff;
            """);
        command.Parameters.AddWithValue("$tf", TimeframeCodes.Code(timeframe));
        command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeSeconds());
        command.ExecuteNonQuery();
        // Coverage first: a sweep stopped half-way must never leave a range claiming bars it deleted.
        command.CommandText = """
            DELETE FROM bars WHERE (symbol, timeframe, bar_time) IN (
                SELECT symbol, timeframe, bar_time FROM bars WHERE timeframe = $tf AND bar_time < $cutoff LIMIT $limit);
            """;
        command.Parameters.AddWithValue("$limit", maxRows);
        var deleted = command.ExecuteNonQuery();
        transaction.Commit();
        return deleted;
    }

    private static void WriteBars(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<StoredBar> bars, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, """
            INSERT INTO bars (symbol, timeframe, bar_time, open, high, low, close, volume, trade_count, vwap, sequence)
            VALUES ($symbol, $tf, $time, $open, $high, $low, $close, $volume, $trades, $vwap, $sequence)
            ON CONFLICT (symbol, timeframe, bar_time) DO UPDATE SET
                open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
                volume = excluded.volume, trade_count = excluded.trade_count, vwap = excluded.vwap,
                sequence = coalesce(excluded.sequence, bars.sequence);
            """);
        var symbol = command.Parameters.Add("$symbol", SqliteType.Text);
        var tf = command.Parameters.Add("$tf", SqliteType.Integer);
        var time = command.Parameters.Add("$time", SqliteType.Integer);
        var open = command.Parameters.Add("$open", SqliteType.Real);
        var high = command.Parameters.Add("$high", SqliteType.Real);
        var low = command.Parameters.Add("$low", SqliteType.Real);
        var close = command.Parameters.Add("$close", SqliteType.Real);
        var volume = command.Parameters.Add("$volume", SqliteType.Integer);
        var trades = command.Parameters.Add("$trades", SqliteType.Integer);
        var vwap = command.Parameters.Add("$vwap", SqliteType.Real);
        var sequence = command.Parameters.Add("$sequence", SqliteType.Integer);
        command.Prepare();
        for (var i = 0; i < bars.Count; i++)
        {
            if ((i & 1023) == 1023) cancellationToken.ThrowIfCancellationRequested();
            var row = bars[i];
            symbol.Value = row.Symbol;
            tf.Value = TimeframeCodes.Code(row.Timeframe);
            time.Value = row.Time.ToUnixTimeSeconds();
            open.Value = row.Bar.Open;
            high.Value = row.Bar.High;
            low.Value = row.Bar.Low;
            close.Value = row.Bar.Close;
            volume.Value = row.Bar.Volume;
            trades.Value = (object?)row.Bar.TradeCount ?? DBNull.Value;
            vwap.Value = (object?)row.Bar.Vwap ?? DBNull.Value;
            sequence.Value = (object?)row.Sequence ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    private static void WriteHeads(SqliteConnection connection, SqliteTransaction transaction, List<SequenceHead> heads)
    {
        if (heads.Count == 0) return;
        using var command = Command(connection, transaction, """
            INSERT INTO bar_sequence_heads (symbol, sequence, newest_time) VALUES ($symbol, $sequence, $time)
            ON CONFLICT (symbol) DO UPDATE SET
                sequence = max(sequence, excluded.sequence), newest_time = max(newest_time, excluded.newest_time);
            """);
        var symbol = command.Parameters.Add("$symbol", SqliteType.Text);
        var sequence = command.Parameters.Add("$sequence", SqliteType.Integer);
        var time = command.Parameters.Add("$time", SqliteType.Integer);
        command.Prepare();
        foreach (var head in heads)
        {
            symbol.Value = head.Symbol;
            sequence.Value = head.Sequence;
            time.Value = head.NewestBarTime.ToUnixTimeSeconds();
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Replaces the stored ranges that overlap or touch each new range by their union with it.</summary>
    private static void AddCoverage(SqliteConnection connection, SqliteTransaction transaction, List<BarRange> ranges)
    {
        using var remove = Command(connection, transaction, """
            DELETE FROM bar_coverage
            WHERE symbol = $symbol AND timeframe = $tf AND start_time <= $to AND end_time >= $from
            RETURNING start_time, end_time;
            """);
        using var insert = Command(connection, transaction,
            "INSERT INTO bar_coverage (symbol, timeframe, start_time, end_time) VALUES ($symbol, $tf, $from, $to);");
        var (symbol, tf, from, to) = (Add(remove, "$symbol", SqliteType.Text), Add(remove, "$tf", SqliteType.Integer),
            Add(remove, "$from", SqliteType.Integer), Add(remove, "$to", SqliteType.Integer));
        var (symbol2, tf2, from2, to2) = (Add(insert, "$symbol", SqliteType.Text), Add(insert, "$tf", SqliteType.Integer),
            Add(insert, "$from", SqliteType.Integer), Add(insert, "$to", SqliteType.Integer));
        remove.Prepare();
        insert.Prepare();
        foreach (var range in ranges)
        {
            long start = range.From.ToUnixTimeSeconds(), end = range.To.ToUnixTimeSeconds();
            symbol.Value = symbol2.Value = range.Symbol;
            tf.Value = tf2.Value = TimeframeCodes.Code(range.Timeframe);
            from.Value = start;
            to.Value = end;
            using (var reader = remove.ExecuteReader())
            {
                while (reader.Read())
                {
                    start = Math.Min(start, reader.GetInt64(0));
                    end = Math.Max(end, reader.GetInt64(1));
                }
            }
            from2.Value = start;
            to2.Value = end;
            insert.ExecuteNonQuery();
        }
    }

    private static SqliteParameter Add(SqliteCommand command, string name, SqliteType type) => command.Parameters.Add(name, type);

    /// <summary>A pooled connection set up for writing: SQLite's own busy wait (finer than the driver's retry) and NORMAL sync.</summary>
    private async Task<SqliteConnection> OpenForWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        Execute(connection, $"PRAGMA busy_timeout={_busyTimeoutMs}; PRAGMA synchronous=NORMAL;");
        return connection;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction)
    {
        using var command = Command(connection, transaction, sql);
        return command.ExecuteScalar();
    }
}
