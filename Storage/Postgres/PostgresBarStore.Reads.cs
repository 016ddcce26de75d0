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

    public async Task<IReadOnlyList<SequenceHead>> ReadSequenceHeadsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT symbol, sequence, newest_time FROM bar_sequence_heads ORDER BY symbol;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var heads = new List<SequenceHead>();
        while (await reader.ReadAsync(cancellationToken))
            heads.Add(new SequenceHead(reader.GetString(0), reader.GetInt64(1), Time(reader, 2)));
        return heads;
    }

    public async Task<IReadOnlyList<BarRange>> ReadCoverageAsync(
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

    private async Task<List<StoredBar>> ReadBarsAsync(
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
