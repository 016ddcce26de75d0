using System.Diagnostics;
using System.Text.Json;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// deploy/local-cluster.sh driven from a test: its own run directory and load-balancer port, the test run's build,
/// and on dispose everything it started stopped (by the script, then by pid for anything left).
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly List<int> _pids = [];

    /// <param name="settings">
    /// Environment on top of the defaults (2 silos, 2 gateways, no Alpaca keys, the simulator at 60× from
    /// <see cref="MarketTime.RegularHours"/>).
    /// </param>
    public LocalCluster(IReadOnlyDictionary<string, string?>? settings = null)
    {
        RunDir = Directory.CreateTempSubdirectory("market-data-cluster-").FullName;
        LoadBalancerPort = GatewayFactory.FreePort();
        Environment = new Dictionary<string, string?>
        {
            ["SILOS"] = "2",
            ["GATEWAYS"] = "2",
            ["LB_PORT"] = LoadBalancerPort.ToString(),
            ["RUN_DIR"] = RunDir,
            ["UP_TIMEOUT"] = "120",
            // The test run has just built the solution: use that build rather than building Release.
            ["SKIP_BUILD"] = "1",
            ["CONFIGURATION"] = BuildConfiguration(),
            // A cluster of its own: a silo of another cluster on this machine that takes over a port of a dead one
            // (the script counts up from fixed bases) is refused, not sent this cluster's calls.
            ["Cluster__ClusterId"] = "local-test-" + Guid.NewGuid().ToString("N")[..8],
            ["MarketData__Simulator__Speed"] = "60",
            // Every process reads the same simulated clock.
            ["MarketData__Simulator__StartTime"] = MarketTime.Text(MarketTime.RegularHours),
            ["MarketData__Simulator__WallClockAnchor"] = MarketTime.Text(DateTimeOffset.UtcNow),
            ["Logging__LogLevel__Default"] = "Warning",
            // The service's own events (feed, backfill, history loads), one line each: a failed test shows them.
            ["Logging__LogLevel__OrleansMarketData"] = "Information",
            ["CLIENT_KEY_ID"] = KeyId,
            ["CLIENT_SECRET"] = Secret,
        };
        foreach (var variable in new[] { "ALPACA_API_KEY", "ALPACA_SECRET", "APCA_API_KEY_ID", "APCA_API_SECRET_KEY" })
            Environment[variable] = null;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) Environment[key] = value;
    }

    /// <summary>The client key the cluster's gateways require.</summary>
    public const string KeyId = "cluster-test-key";
    public const string Secret = "cluster-test-secret-0b7d";

    /// <summary>The query parameter that carries the client key, for socket and REST paths.</summary>
    public static string ApiKeyQuery => $"apiKey={KeyId}:{Secret}";

    /// <summary>An HTTP client that presents the cluster's client key.</summary>
    public static HttpClient Authorized(Uri baseAddress, TimeSpan timeout)
        => new HttpClient { BaseAddress = baseAddress, Timeout = timeout }.WithClientKey(KeyId, Secret);

    public string RunDir { get; }

    public int LoadBalancerPort { get; }

    public Dictionary<string, string?> Environment { get; }

    public Uri LoadBalancer => new($"http://127.0.0.1:{LoadBalancerPort}");

    /// <summary>The script's pids seen in any status so far, for the clean-up and for checks that they are gone.</summary>
    public IReadOnlyList<int> Pids => _pids;

    public Task<Command.Result> RunAsync(string[] arguments, TimeSpan timeout) =>
        Command.RunAsync("bash", [Path.Combine(Repository.Root, "deploy", "local-cluster.sh"), .. arguments], Environment, timeout, Repository.Root);

    public async Task UpAsync()
    {
        var up = await RunAsync(["up"], TimeSpan.FromMinutes(4));
        Assert.True(up.ExitCode == 0, $"up exited with {up.ExitCode}:\n{up.Output}\n{Logs()}");
    }

    /// <summary>`status --json`, remembering every pid it names.</summary>
    public async Task<JsonElement> StatusAsync()
    {
        var run = await RunAsync(["status", "--json"], TimeSpan.FromSeconds(30));
        Assert.True(run.ExitCode == 0, run.Output);
        var status = JsonDocument.Parse(run.StandardOutput).RootElement;
        foreach (var process in status.GetProperty("silos").EnumerateArray().Concat(status.GetProperty("gateways").EnumerateArray()))
            _pids.Add(process.GetProperty("pid").GetInt32());
        _pids.Add(status.GetProperty("redis").GetProperty("pid").GetInt32());
        _pids.Add(status.GetProperty("postgres").GetProperty("pid").GetInt32());
        _pids.Add(status.GetProperty("nginx").GetProperty("pid").GetInt32());
        return status;
    }

    /// <summary>
    /// Every process's log: the start of its first errors (a stack trace's tail does not say what failed), then its
    /// newest lines.
    /// </summary>
    public string Logs(int lines = 15)
    {
        var logs = Path.Combine(RunDir, "logs");
        if (!Directory.Exists(logs)) return "(no logs)";
        return string.Join("\n", Directory.GetFiles(logs).Order().Select(f =>
        {
            var all = File.ReadAllLines(f);
            var errors = all.Index().Where(l => l.Item.StartsWith("fail:") || l.Item.StartsWith("crit:")).Take(3)
                .SelectMany(l => all.Skip(l.Index).Take(4));
            return $"== {Path.GetFileName(f)}\n{string.Join("\n", errors)}\n...\n{string.Join("\n", all.TakeLast(lines))}";
        }));
    }

    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(RunDir, "state"))) await RunAsync(["down"], TimeSpan.FromSeconds(60));
        foreach (var pid in _pids.Distinct().Where(IsRunning)) Process.GetProcessById(pid).Kill();
        try { Directory.Delete(RunDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Debug or Release: the configuration this test assembly was built in (bin/&lt;Config&gt;/net10.0/).</summary>
    private static string BuildConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
