using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using OrleansMarketData.Model;

namespace OrleansMarketData.Storage.Sqlite;

public sealed partial class SqliteBarStore
{
    private const string BarColumns = "timeframe, bar_time, open, high, low, close, volume, trade_count, vwap, sequence";

    /// <summary>
    /// Microsoft.Data.Sqlite's async methods run synchronously: each read moves to the thread pool first, so that
    /// its caller's thread (a grain's turn, on a scheduler of few threads) is never held by the disk.
    /// </summary>
    private static ConfiguredTaskAwaitable OffCallersThread() => Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);

    public async Task<IReadOnlyList<StoredBar>> ReadLatestAsync(
        string symbol, Timeframe timeframe, DateTimeOffset before, int count, CancellationToken cancellationToken)
    {
        await OffCallersThread();
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        await using var connection = await OpenAsync(cancellationToken);
        using var command = Command(connection, null, $"""
            SELECT {BarColumns} FROM bars
            WHERE symbol = $symbol AND timeframe = $tf AND bar_time < $before
            ORDER BY bar_time DESC LIMIT $count;
            """);
        command.Parameters.AddWithValue("$symbol", symbol);
        command.Parameters.AddWithValue("$tf", TimeframeCodes.Code(timeframe));
        command.Parameters.AddWithValue("$before", CeilingSeconds(before));
        command.Parameters.AddWithValue("$count", count);
        var bars = ReadBars(command, symbol, count, cancellationToken);
        bars.Reverse();
        return bars;
    }

    public async Task<IReadOnlyList<StoredBar>> ReadRangeAsync(
        string symbol, Timeframe timeframe, DateTimeOffset start, DateTimeOffset end, int limit, bool descending,
        CancellationToken cancellationToken)
    {
        await OffCallersThread();
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenAsync(cancellationToken);
        using var command = Command(connection, null, $"""
            SELECT {BarColumns} FROM bars
            WHERE symbol = $symbol AND timeframe = $tf AND bar_time >= $start AND bar_time <= $end
            ORDER BY bar_time {(descending ? "DESC" : "ASC")} LIMIT $limit;
            """);
        command.Parameters.AddWithValue("$symbol", symbol);
        command.Parameters.AddWithValue("$tf", TimeframeCodes.Code(timeframe));
        command.Parameters.AddWithValue("$start", CeilingSeconds(start));
        command.Parameters.AddWithValue("$end", end.ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$limit", limit);
        return ReadBars(command, symbol, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredBar>> ReadAfterSequenceAsync(
        string symbol, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await OffCallersThread();
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenAsync(cancellationToken);
        using var command = Command(connection, null, $"""
            SELECT {BarColumns} FROM bars
            WHERE symbol = $symbol AND sequence > $after
            ORDER BY sequence LIMIT $limit;
            """);
        command.Parameters.AddWithValue("$symbol", symbol);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadBars(command, symbol, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<SequenceHead>> ReadSequenceHeadsAsync(CancellationToken cancellationToken)
    {
        await OffCallersThread();
        await using var connection = await OpenAsync(cancellationToken);
        using var command = Command(connection, null, "SELECT symbol, sequence, newest_time FROM bar_sequence_heads ORDER BY symbol;");
        using var reader = command.ExecuteReader();
        var heads = new List<SequenceHead>();
        while (reader.Read())
            heads.Add(new SequenceHead(reader.GetString(0), reader.GetInt64(1), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(2))));
        return heads;
    }

    public async Task<IReadOnlyList<BarRange>> ReadCoverageAsync(
        string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await OffCallersThread();
        await using var connection = await OpenAsync(cancellationToken);
        using var command = Command(connection, null, """
            SELECT start_time, end_time FROM bar_coverage
            WHERE symbol = $symbol AND timeframe = $tf AND start_time < $to AND end_time > $from
            ORDER BY start_time;
            """);
        command.Parameters.AddWithValue("$symbol", symbol);
        command.Parameters.AddWithValue("$tf", TimeframeCodes.Code(timeframe));
        command.Parameters.AddWithValue("$from", from.ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$to", CeilingSeconds(to));
        using var reader = command.ExecuteReader();
        var ranges = new List<BarRange>();
        while (reader.Read())
            ranges.Add(new BarRange(symbol, timeframe,
                DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(0)), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(1))));
        return ranges;
    }

    private static List<StoredBar> ReadBars(SqliteCommand command, string symbol, int capacity, CancellationToken cancellationToken)
    {
        using var reader = command.ExecuteReader();
        var bars = new List<StoredBar>(Math.Min(capacity, 16_384));
        while (reader.Read())
        {
            if ((bars.Count & 1023) == 1023) cancellationToken.ThrowIfCancellationRequested();
            var bar = new Bar(DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(1)),
                reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetDouble(8));
            bars.Add(new StoredBar(symbol, TimeframeCodes.FromCode(reader.GetInt64(0)), bar,
                reader.IsDBNull(9) ? null : reader.GetInt64(9)));
        }
        return bars;
    }

    /// <summary>Stored times are whole seconds: a bound with a fraction moves to the next second, so that "before" and "from" keep their meaning.</summary>
    private static long CeilingSeconds(DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeSeconds();
        return time.UtcTicks % TimeSpan.TicksPerSecond > 0 && time.UtcTicks > DateTimeOffset.UnixEpoch.UtcTicks ? seconds + 1 : seconds;
    }
}
