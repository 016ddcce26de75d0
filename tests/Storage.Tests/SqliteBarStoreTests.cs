using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using OrleansMarketData.Storage.Sqlite;
using static OrleansMarketData.Storage.Tests.Infrastructure.Rows;

namespace OrleansMarketData.Storage.Tests;

/// <summary>The store contract on a real SQLite file in a temporary folder, and what only a file can get wrong.</summary>
public sealed class SqliteBarStoreTests : BarStoreContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bar-store-sqlite-").FullName;
    private string _path = "";

    protected override Task<IBarStore> CreateStoreAsync()
    {
        _path = Path.Combine(_dir, $"{Guid.NewGuid():N}", "bars.db");
        return Task.FromResult<IBarStore>(Create(_path));
    }

    private static SqliteBarStore Create(string path) =>
        new(Options.Create(new BarStoreOptions { Sqlite = { Path = path, BusyTimeout = TimeSpan.FromSeconds(2) } }));

    protected override async Task ExecuteSqlAsync(string sql)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override string RefuseCoverageOf(string symbol) => $"""
        CREATE TRIGGER refuse_{symbol} BEFORE INSERT ON bar_coverage WHEN NEW.symbol = '{symbol}'
        BEGIN SELECT RAISE(ABORT, 'refused'); END;
        """;

    protected override string SchemaVersion1 => """
        CREATE TABLE bar_store_schema (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
        CREATE TABLE bars (
            symbol TEXT NOT NULL, timeframe INTEGER NOT NULL, bar_time INTEGER NOT NULL,
            open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume INTEGER NOT NULL,
            trade_count INTEGER, vwap REAL, sequence INTEGER,
            PRIMARY KEY (symbol, timeframe, bar_time)) WITHOUT ROWID;
        CREATE INDEX bars_by_sequence ON bars (symbol, sequence) WHERE sequence IS NOT NULL;
        CREATE INDEX bars_by_age ON bars (timeframe, bar_time);
        INSERT INTO bar_store_schema (version, applied_at) VALUES (1, '2025-06-01T00:00:00Z');
        """;

    protected override string InsertVersion1Bar(string symbol, int timeframeCode, DateTimeOffset time, double close, long? sequence) =>
        $"INSERT INTO bars VALUES ('{symbol}', {timeframeCode}, {time.ToUnixTimeSeconds()}, {close}, {close}, {close}, {close}, 10, NULL, NULL, {sequence?.ToString() ?? "NULL"});";

    [Fact]
    public async Task The_file_and_its_folders_are_created_on_first_start_in_WAL_mode()
    {
        var path = Path.Combine(_dir, "new", "nested", "bars.db");
        await Create(path).InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(path));
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_a_SQLite_database_refuses_to_start_naming_its_path()
    {
        var path = Path.Combine(_dir, "not-a-database.db");
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat("these are not the bars you are looking for\n", 200)));

        var error = await Assert.ThrowsAsync<BarStoreUnusableException>(() => Create(path).InitializeAsync(CancellationToken.None));
        Assert.Contains(path, error.Message);
        Assert.Contains("not a SQLite database", error.Message);
    }

    [Fact]
    public async Task A_newer_schema_names_the_file_too()
    {
        await ExecuteSqlAsync("INSERT INTO bar_store_schema (version, applied_at) VALUES (3, 'later');");
        var error = await Assert.ThrowsAsync<BarStoreUnusableException>(() => Create(_path).InitializeAsync(CancellationToken.None));
        Assert.Contains(_path, error.Message);
        Assert.Contains("version 3", error.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
