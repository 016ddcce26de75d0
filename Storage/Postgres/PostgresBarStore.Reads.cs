using Npgsql;
using OrleansMarketData.Model;

namespace OrleansMarketData.Storage.Postgres;

public sealed partial class PostgresBarStore
{
    private const string BarColumns = "timeframe, bar_time, open, high, low, close, volume, trade_count, vwap, sequence";

    public async Task<IReadOnlyList<StoredBar>> ReadLatestAsync(
        string symbol, Timeframe timeframe, DateTimeOffset before, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var bars = await ReadBarsAsync($"""
            SELECT {BarColumns} FROM bars
            WHERE symbol = $1 AND timeframe = $2 AND bar_time < $3
            ORDER BY bar_time DESC LIMIT $4;
            """, symbol, count, cancellationToken, symbol, TimeframeCodes.Code(timeframe), Utc(before), count);
        bars.Reverse();
        return bars;
    }

    public async Task<IReadOnlyList<StoredBar>> ReadRangeAsync(
        string symbol, Timeframe timeframe, DateTimeOffset start, DateTimeOffset end, int limit, bool descending,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await ReadBarsAsync($"""
            SELECT {BarColumns} FROM bars
            WHERE symbol = $1 AND timeframe = $2 AND bar_time >= $3 AND bar_time <= $4
            ORDER BY bar_time {(descending ? "DESC" : "ASC")} LIMIT $5;
            """, symbol, limit, cancellationToken, symbol, TimeframeCodes.Code(timeframe), Utc(start), Utc(end), limit);
    }

    public async Task<IReadOnlyList<StoredBar>> ReadAfterSequenceAsync(
        string symbol, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await ReadBarsAsync($"""
            SELECT {BarColumns} FROM bars
            WHERE symbol = $1 AND sequence > $2
            ORDER BY sequence LIMIT $3;
            """, symbol, limit, cancellationToken, symbol, afterSequence, limit);
    }

    public Task<IReadOnlyList<SequenceHead>> ReadSequenceHeadsAsync(CancellationToken cancellationToken) =>
        OnLiveConnectionAsync(() => ReadHeadsAsync(cancellationToken));

    private async Task<IReadOnlyList<SequenceHead>> ReadHeadsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT symbol, sequence, newest_time FROM bar_sequence_heads ORDER BY symbol;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var heads = new List<SequenceHead>();
        while (await reader.ReadAsync(cancellationToken))
            heads.Add(new SequenceHead(reader.GetString(0), reader.GetInt64(1), Time(reader, 2)));
        return heads;
    }

    public Task<IReadOnlyList<BarRange>> ReadCoverageAsync(
        string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        OnLiveConnectionAsync(() => ReadRangesAsync(symbol, timeframe, from, to, cancellationToken));

    private async Task<IReadOnlyList<BarRange>> ReadRangesAsync(
        string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT start_time, end_time FROM bar_coverage
            WHERE symbol = $1 AND timeframe = $2 AND start_time < $4 AND end_time > $3
            ORDER BY start_time;
            """);
        AddParameters(command.Parameters, symbol, TimeframeCodes.Code(timeframe), Utc(from), Utc(to));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ranges = new List<BarRange>();
        while (await reader.ReadAsync(cancellationToken))
            ranges.Add(new BarRange(symbol, timeframe, Time(reader, 0), Time(reader, 1)));
        return ranges;
    }

    private Task<List<StoredBar>> ReadBarsAsync(
        string sql, string symbol, int capacity, CancellationToken cancellationToken, params object[] parameters) =>
        OnLiveConnectionAsync(() => ReadRowsAsync(sql, symbol, capacity, cancellationToken, parameters));

    /// <summary>
    /// Runs a read, and once more when its pooled connection turned out to have been ended by the server: a PostgreSQL
    /// restart ends every connection, and the pool finds out only as it hands each one out. The pool's idle connections
    /// are dropped first, so that the second try opens a new one. Writes need none of this: the writer retries.
    /// </summary>
    private async Task<T> OnLiveConnectionAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (EndedByServer(ex))
        {
            _dataSource.Clear();
            return await read();
        }
    }

    /// <summary>Errors of a connection the server ended (shut down, restarted, or lost on the way).</summary>
    private static bool EndedByServer(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    private async Task<List<StoredBar>> ReadRowsAsync(
        string sql, string symbol, int capacity, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = _dataSource.CreateCommand(sql);
        AddParameters(command.Parameters, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var bars = new List<StoredBar>(Math.Min(capacity, 16_384));
        while (await reader.ReadAsync(cancellationToken))
        {
            var bar = new Bar(Time(reader, 1),
                reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetDouble(8));
            bars.Add(new StoredBar(symbol, TimeframeCodes.FromCode(reader.GetInt16(0)), bar,
                reader.IsDBNull(9) ? null : reader.GetInt64(9)));
        }
        return bars;
    }

    private static void AddParameters(NpgsqlParameterCollection target, params object[] values)
    {
        foreach (var value in values) target.Add(Parameter(value));
    }

    private static DateTime Utc(DateTimeOffset time) => time.UtcDateTime;

    private static DateTimeOffset Time(NpgsqlDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));
}
