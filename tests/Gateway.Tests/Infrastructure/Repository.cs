namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>Where the repository is, seen from the test assembly's output folder.</summary>
public static class Repository
{
    /// <summary>The folder holding OrleansMarketData.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansMarketData.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no OrleansMarketData.sln above {AppContext.BaseDirectory}");
    }
}
