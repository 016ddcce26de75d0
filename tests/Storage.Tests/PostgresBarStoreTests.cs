using Microsoft.Extensions.Options;
using Npgsql;
using OrleansMarketData.Storage.Postgres;
using OrleansMarketData.Storage.Tests.Infrastructure;

namespace OrleansMarketData.Storage.Tests;

/// <summary>The store contract on a real PostgreSQL (Debian's package), a new database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBarStoreTests(PostgresFixture postgres) : BarStoreContract
{
    private string _connectionString = "";

    protected override async Task<IBarStore> CreateStoreAsync()
    {
        _connectionString = await postgres.Server.CreateDatabaseAsync();
        return new PostgresBarStore(Options.Create(new BarStoreOptions { Postgres = { ConnectionString = _connectionString } }));
    }

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override string RefuseCoverageOf(string symbol) => $$"""
        CREATE FUNCTION refuse_{{symbol}}() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            IF NEW.symbol = '{{symbol}}' THEN RAISE EXCEPTION 'refused'; END IF;
            RETURN NEW;
        END $f$;
        CREATE TRIGGER refuse_{{symbol}} BEFORE INSERT ON bar_coverage FOR EACH ROW EXECUTE FUNCTION refuse_{{symbol}}();
        """;

    protected override string SchemaVersion1 => """
        CREATE TABLE bar_store_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE bars (
            symbol text NOT NULL, timeframe smallint NOT NULL, bar_time timestamptz NOT NULL,
            open double precision NOT NULL, high double precision NOT NULL, low double precision NOT NULL,
            close double precision NOT NULL, volume bigint NOT NULL,
            trade_count bigint, vwap double precision, sequence bigint,
            PRIMARY KEY (symbol, timeframe, bar_time));
        CREATE INDEX bars_by_sequence ON bars (symbol, sequence) WHERE sequence IS NOT NULL;
        CREATE INDEX bars_by_age ON bars (timeframe, bar_time);
        INSERT INTO bar_store_schema (version) VALUES (1);
        """;

    protected override string InsertVersion1Bar(string symbol, int timeframeCode, DateTimeOffset time, double close, long? sequence) =>
        $"INSERT INTO bars VALUES ('{symbol}', {timeframeCode}, '{time:O}', {close}, {close}, {close}, {close}, 10, NULL, NULL, {sequence?.ToString() ?? "NULL"});";
}
