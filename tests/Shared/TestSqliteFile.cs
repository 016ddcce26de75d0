namespace OrleansMarketData.Testing;

/// <summary>
/// A test's own SQLite bar store file, deleted with its folder when disposed: declared before the gateway that uses
/// it, it outlives that gateway's restarts and goes after it.
/// </summary>
public sealed class TestSqliteFile : IDisposable
{
    public string Path { get; } = TestBarStores.NewSqlitePath();

    public void Dispose() => TestBarStores.Delete(Path);
}
