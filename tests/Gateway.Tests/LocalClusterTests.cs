using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// deploy/local-cluster.sh end to end: redis-server, two silos, two gateways and nginx as real processes on
/// 127.0.0.1; the public API through the load balancer; failover when a gateway stops; nothing left after down.
/// </summary>
public sealed class LocalClusterTests
{
    [Fact]
    public async Task Script_runs_a_cluster_behind_the_load_balancer_and_down_leaves_no_process()
    {
        var runDir = Directory.CreateTempSubdirectory("market-data-cluster-").FullName;
        var lbPort = GatewayFactory.FreePort();
        var environment = new Dictionary<string, string?>
        {
            ["SILOS"] = "2",
            ["GATEWAYS"] = "2",
            ["LB_PORT"] = lbPort.ToString(),
            ["RUN_DIR"] = runDir,
            ["UP_TIMEOUT"] = "120",
            // The test run has just built the solution: use that build rather than building Release.
            ["SKIP_BUILD"] = "1",
            ["CONFIGURATION"] = BuildConfiguration(),
            ["MarketData__Simulator__Speed"] = "60",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var variable in new[] { "ALPACA_API_KEY", "ALPACA_SECRET", "APCA_API_KEY_ID", "APCA_API_SECRET_KEY" })
            environment[variable] = null;

        var pids = new List<int>();
        try
        {
            var up = await RunScriptAsync(["up"], environment, TimeSpan.FromMinutes(4));
            Assert.True(up.ExitCode == 0, $"up exited with {up.ExitCode}:\n{up.Output}\n{Logs(runDir)}");

            var statusRun = await RunScriptAsync(["status", "--json"], environment, TimeSpan.FromSeconds(30));
            Assert.True(statusRun.ExitCode == 0, statusRun.Output);
            var status = JsonDocument.Parse(statusRun.StandardOutput).RootElement;
            Assert.Equal($"http://127.0.0.1:{lbPort}", status.GetProperty("load_balancer").GetString());
            var silos = status.GetProperty("silos").EnumerateArray().ToList();
            var gateways = status.GetProperty("gateways").EnumerateArray().ToList();
            Assert.Equal(2, silos.Count);
            Assert.Equal(2, gateways.Count);
            Assert.All(silos.Concat(gateways), p => Assert.True(p.GetProperty("alive").GetBoolean(), p.ToString()));
            Assert.Equal(2, silos.Select(s => s.GetProperty("silo_port").GetInt32()).Distinct().Count());
            Assert.Equal(2, gateways.Select(g => g.GetProperty("port").GetInt32()).Distinct().Count());
            Assert.True(status.GetProperty("redis").GetProperty("alive").GetBoolean());
            Assert.True(status.GetProperty("nginx").GetProperty("alive").GetBoolean());
            Assert.Equal(JsonValueKind.String, status.GetProperty("feed_silo").ValueKind);
            Assert.Single(silos, s => s.GetProperty("hosts_feed").GetBoolean());
            pids.AddRange(silos.Concat(gateways).Select(p => p.GetProperty("pid").GetInt32()));
            pids.Add(status.GetProperty("redis").GetProperty("pid").GetInt32());
            pids.Add(status.GetProperty("nginx").GetProperty("pid").GetInt32());

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{lbPort}"), Timeout = TimeSpan.FromSeconds(15) };
            var health = JsonDocument.Parse(await http.GetStringAsync("/api/health")).RootElement;
            Assert.Equal(2, health.GetProperty("silo_count").GetInt32());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
            var history = await http.GetAsync("/api/symbols/AAPL/historical?timeframe=5Min&limit=50");
            Assert.Equal(HttpStatusCode.OK, history.StatusCode);
            Assert.Equal(50, JsonDocument.Parse(await history.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetArrayLength());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/symbols/MSFT/latest")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);

            await using (var socket = await SocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{lbPort}/ws/candles/AAPL?limit=5")))
            {
                var first = await socket.ReceiveAsync(TimeSpan.FromSeconds(20));
                Assert.NotNull(first);
                Assert.Equal("historical", first.Value.GetProperty("type").GetString());
            }

            // A gateway stops: the load balancer sends every request to the other one.
            Process.GetProcessById(gateways[0].GetProperty("pid").GetInt32()).Kill();
            for (var i = 0; i < 6; i++)
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);

            var down = await RunScriptAsync(["down"], environment, TimeSpan.FromSeconds(60));
            Assert.True(down.ExitCode == 0, down.Output);
            Assert.All(pids, pid => Assert.False(IsRunning(pid), $"pid {pid} still runs after down"));
            Assert.False(File.Exists(Path.Combine(runDir, "state")));
            Assert.Equal(3, (await RunScriptAsync(["status", "--json"], environment, TimeSpan.FromSeconds(30))).ExitCode);
        }
        finally
        {
            if (File.Exists(Path.Combine(runDir, "state"))) await RunScriptAsync(["down"], environment, TimeSpan.FromSeconds(60));
            foreach (var pid in pids.Where(IsRunning)) Process.GetProcessById(pid).Kill();
            try { Directory.Delete(runDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [Fact]
    public async Task Script_refuses_bad_settings_and_a_busy_load_balancer_port()
    {
        var runDir = Directory.CreateTempSubdirectory("market-data-cluster-").FullName;
        try
        {
            var bad = await RunScriptAsync(["up"], new Dictionary<string, string?> { ["RUN_DIR"] = runDir, ["SILOS"] = "zero" }, TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, bad.ExitCode);
            Assert.Contains("SILOS must be a whole number", bad.Output);

            using var busy = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            busy.Start();
            var port = ((IPEndPoint)busy.LocalEndpoint).Port;
            var taken = await RunScriptAsync(["up"], new Dictionary<string, string?> { ["RUN_DIR"] = runDir, ["LB_PORT"] = port.ToString() }, TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, taken.ExitCode);
            Assert.Contains($"port {port} is in use", taken.Output);
            Assert.False(File.Exists(Path.Combine(runDir, "state")));

            var usage = await RunScriptAsync(["restart"], new Dictionary<string, string?> { ["RUN_DIR"] = runDir }, TimeSpan.FromSeconds(30));
            Assert.Equal(2, usage.ExitCode);
            Assert.Contains("usage:", usage.Output);
        }
        finally
        {
            try { Directory.Delete(runDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Debug or Release: the configuration this test assembly was built in (bin/&lt;Config&gt;/net10.0/).</summary>
    private static string BuildConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static bool IsRunning(int pid)
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

    private static string Logs(string runDir)
    {
        var logs = Path.Combine(runDir, "logs");
        if (!Directory.Exists(logs)) return "(no logs)";
        return string.Join("\n", Directory.GetFiles(logs).Order().Select(f =>
        {
            var lines = File.ReadAllLines(f);
            return $"== {Path.GetFileName(f)}\n{string.Join("\n", lines.TakeLast(15))}";
        }));
    }

    private static Task<Command.Result> RunScriptAsync(string[] arguments, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout) =>
        Command.RunAsync("bash", [Path.Combine(Repository.Root, "deploy", "local-cluster.sh"), .. arguments], environment, timeout, Repository.Root);
}
