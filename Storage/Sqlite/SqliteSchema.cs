namespace OrleansMarketData.Storage.Sqlite;

/// <summary>
/// The SQLite schema as numbered steps; a database is brought from the version it records in
/// <c>bar_store_schema</c> to <see cref="Version"/> by the steps after it. Times are Unix seconds of the bar start,
/// timeframes their length in minutes (<see cref="TimeframeCodes"/>). Rows are clustered by key
/// (<c>WITHOUT ROWID</c>), so one symbol's bars of one timeframe lie together.
/// </summary>
internal static class SqliteSchema
{
    public const string VersionTable = """
        CREATE TABLE IF NOT EXISTS bar_store_schema (
            version    INTEGER PRIMARY KEY,
            applied_at TEXT NOT NULL
        );
        """;

    public static IReadOnlyList<string> Steps { get; } =
    [
        // 1: the bars, by key; by sequence for a feed's catch-up; by age for retention.
        """
        CREATE TABLE bars (
            symbol      TEXT    NOT NULL,
            timeframe   INTEGER NOT NULL,
            bar_time    INTEGER NOT NULL,
            open        REAL    NOT NULL,
            high        REAL    NOT NULL,
            low         REAL    NOT NULL,
            close       REAL    NOT NULL,
            volume      INTEGER NOT NULL,
            trade_count INTEGER,
            vwap        REAL,
            sequence    INTEGER,
            PRIMARY KEY (symbol, timeframe, bar_time)
        ) WITHOUT ROWID;
        CREATE INDEX bars_by_sequence ON bars (symbol, sequence) WHERE sequence IS NOT NULL;
        CREATE INDEX bars_by_age ON bars (timeframe, bar_time);
        """,
        // 2: coverage (rows alone cannot tell a minute without trades from one never fetched) and each symbol's
        // sequence head, kept with the writes so that a feed resuming reads one row per symbol; the heads of bars
        // already stored are derived from them.
        """
        CREATE TABLE bar_coverage (
            symbol     TEXT    NOT NULL,
            timeframe  INTEGER NOT NULL,
            start_time INTEGER NOT NULL,
            end_time   INTEGER NOT NULL,
            PRIMARY KEY (symbol, timeframe, start_time)
        ) WITHOUT ROWID;
        CREATE TABLE bar_sequence_heads (
            symbol      TEXT    PRIMARY KEY,
            sequence    INTEGER NOT NULL,
            newest_time INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO bar_sequence_heads (symbol, sequence, newest_time)
            SELECT symbol, max(sequence), max(bar_time) FROM bars
            WHERE timeframe = 1 AND sequence IS NOT NULL GROUP BY symbol;
        """,
    ];

    public static int Version => Steps.Count;
}
