namespace OrleansMarketData.Testing;

/// <summary>
/// SQLite bar store files for test gateways and silos: each in a folder of its own, so that no two tests share a
/// history unless they pass one path on purpose (a restart).
/// </summary>
public static class TestBarStores
{
    public static string NewSqlitePath() => Path.Combine(Directory.CreateTempSubdirectory("bar-store-").FullName, "bars.db");

    /// <summary>Deletes the file with its folder (and SQLite's -wal and -shm files in it).</summary>
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A process still holding it is being killed by its test; the temporary folder goes with the machine.
        }
    }
}
