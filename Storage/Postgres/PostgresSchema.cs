namespace OrleansMarketData.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema as numbered steps, the same tables as <see cref="Sqlite.SqliteSchema"/> with native types
/// (timestamptz bar starts). Each start applies the steps after the version recorded in <c>bar_store_schema</c> in
/// one transaction, under an advisory lock so that silos starting together migrate once.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock key of migrations (any constant; shared by every process of this service).</summary>
    public const long MigrationLock = 0x4241525354_4F5245; // "BARSTORE"

    public const string VersionTable = """
        CREATE TABLE IF NOT EXISTS bar_store_schema (
            version    integer PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    public static IReadOnlyList<string> Steps { get; } =
    [
        """
        CREATE TABLE bars (
            symbol      text             NOT NULL,
            timeframe   smallint         NOT NULL,
            bar_time    timestamptz      NOT NULL,
            open        double precision NOT NULL,
            high        double precision NOT NULL,
            low         double precision NOT NULL,
            close       double precision NOT NULL,
            volume      bigint           NOT NULL,
            trade_count bigint,
            vwap        double precision,
            sequence    bigint,
            PRIMARY KEY (symbol, timeframe, bar_time)
        );
        CREATE INDEX bars_by_sequence ON bars (symbol, sequence) WHERE sequence IS NOT NULL;
        CREATE INDEX bars_by_age ON bars (timeframe, bar_time);
        """,
        """
        CREATE TABLE bar_coverage (
            symbol     text        NOT NULL,
            timeframe  smallint    NOT NULL,
            start_time timestamptz NOT NULL,
            end_time   timestamptz NOT NULL,
            PRIMARY KEY (symbol, timeframe, start_time)
        );
        CREATE TABLE bar_sequence_heads (
            symbol      text        PRIMARY KEY,
            sequence    bigint      NOT NULL,
            newest_time timestamptz NOT NULL
        );
        INSERT INTO bar_sequence_heads (symbol, sequence, newest_time)
            SELECT symbol, max(sequence), max(bar_time) FROM bars
            WHERE timeframe = 1 AND sequence IS NOT NULL GROUP BY symbol;
        """,
    ];

    public static int Version => Steps.Count;
}
