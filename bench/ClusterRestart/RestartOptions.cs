namespace OrleansMarketData.Bench.ClusterRestart;

/// <param name="Standalone">One standalone gateway restarted, instead of every silo of a Redis cluster killed.</param>
/// <param name="Store">The bar store provider: Postgres for a cluster, Sqlite standalone, or None (memory only).</param>
public sealed record RestartOptions(int Symbols, int Silos, bool Standalone, string Store, string Configuration, string? Output, TimeSpan Deadline)
{
    public static RestartOptions Parse(string[] args)
    {
        var options = new RestartOptions(500, 2, false, "", "Release", null, TimeSpan.FromMinutes(10));
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--symbols" => options with { Symbols = int.Parse(args[i + 1]) },
                "--silos" => options with { Silos = int.Parse(args[i + 1]) },
                "--mode" => options with { Standalone = args[i + 1] == "standalone" ? true : args[i + 1] == "cluster" ? false
                    : throw new ArgumentException("--mode must be cluster or standalone") },
                "--store" => options with { Store = args[i + 1] },
                "--configuration" => options with { Configuration = args[i + 1] },
                "--output" => options with { Output = Path.GetFullPath(args[i + 1]) },
                "--deadline-minutes" => options with { Deadline = TimeSpan.FromMinutes(double.Parse(args[i + 1])) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (options.Store == "") options = options with { Store = options.Standalone ? "Sqlite" : "Postgres" };
        if (options.Store is not ("Postgres" or "Sqlite" or "None")) throw new ArgumentException("--store must be Postgres, Sqlite or None");
        if (options.Symbols is < 1 or > 17_576) throw new ArgumentException("--symbols must be between 1 and 17576");
        if (options.Silos < 1) throw new ArgumentException("--silos must be at least 1");
        return options;
    }

    /// <summary>The directory holding OrleansMarketData.sln, from the working directory up.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansMarketData.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("run this from inside the repository");
    }

    /// <summary>The history depths set in the environment, or "defaults".</summary>
    public static string Depths()
    {
        var set = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("MarketData__History__", StringComparison.Ordinal)).Order()
            .Select(k => $"{k["MarketData__History__".Length..]}={Environment.GetEnvironmentVariable(k)}").ToList();
        return set.Count == 0 ? "the defaults (see docs/configuration.md)" : string.Join(", ", set);
    }
}
