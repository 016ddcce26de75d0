namespace OrleansMarketData.Storage;

/// <summary><c>BarStore:Sqlite</c>: the file of the embedded store.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Relative to the working directory; the file and its folder are created on first start.</summary>
    public string Path { get; set; } = "data/bars.db";

    /// <summary>How long a statement waits for a lock another connection or process holds (whole seconds above one).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
