using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// deploy/local-cluster.sh end to end: redis-server, PostgreSQL, two silos, two gateways and nginx as real processes
/// on 127.0.0.1; the public API through the load balancer; failover when a gateway stops; every silo lost and
/// started again; nothing left after down.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class LocalClusterTests
{
    [Fact]
    public async Task Script_runs_a_cluster_behind_the_load_balancer_and_down_leaves_no_process()
    {
        await using var cluster = new LocalCluster();
        await cluster.UpAsync();

        var status = await cluster.StatusAsync();
        Assert.Equal(cluster.LoadBalancer.ToString().TrimEnd('/'), status.GetProperty("load_balancer").GetString());
        var silos = status.GetProperty("silos").EnumerateArray().ToList();
        var gateways = status.GetProperty("gateways").EnumerateArray().ToList();
        Assert.Equal(2, silos.Count);
        Assert.Equal(2, gateways.Count);
        Assert.All(silos.Concat(gateways), p => Assert.True(p.GetProperty("alive").GetBoolean(), p.ToString()));
        Assert.Equal(2, silos.Select(s => s.GetProperty("silo_port").GetInt32()).Distinct().Count());
        Assert.Equal(2, gateways.Select(g => g.GetProperty("port").GetInt32()).Distinct().Count());
        Assert.True(status.GetProperty("redis").GetProperty("alive").GetBoolean());
        var postgres = status.GetProperty("postgres");
        Assert.True(postgres.GetProperty("alive").GetBoolean());
        var postgresPort = postgres.GetProperty("port").GetInt32();
        Assert.True(Directory.Exists(Path.Combine(cluster.RunDir, "postgres", "data")));
        // Every silo is handed the bar store on that server; no gateway is (they keep no bars).
        foreach (var silo in silos)
        {
            var env = ProcessEnvironment(silo.GetProperty("pid").GetInt32());
            Assert.Equal("Postgres", env["BarStore__Provider"]);
            Assert.StartsWith($"Host=127.0.0.1;Port={postgresPort};Database=marketdata;", env["BarStore__Postgres__ConnectionString"]);
        }
        Assert.All(gateways, g => Assert.False(ProcessEnvironment(g.GetProperty("pid").GetInt32()).ContainsKey("BarStore__Postgres__ConnectionString")));
        Assert.True(status.GetProperty("nginx").GetProperty("alive").GetBoolean());
        Assert.Equal(JsonValueKind.String, status.GetProperty("feed_silo").ValueKind);
        Assert.Single(silos, s => s.GetProperty("hosts_feed").GetBoolean());

        // A fresh cluster's first history load computes five timeframes of it: on a busy machine, it takes its time.
        using var http = LocalCluster.Authorized(cluster.LoadBalancer, TimeSpan.FromSeconds(60));
        using var anonymous = new HttpClient { BaseAddress = cluster.LoadBalancer, Timeout = TimeSpan.FromSeconds(60) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/symbols/MSFT/latest")).StatusCode);
        var health = JsonDocument.Parse(await http.GetStringAsync("/api/health")).RootElement;
        Assert.Equal(2, health.GetProperty("silo_count").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        var history = await http.GetAsync("/api/symbols/AAPL/historical?timeframe=5Min&limit=50");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Equal(50, JsonDocument.Parse(await history.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/symbols/MSFT/latest")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);

        await using (var socket = await SocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{cluster.LoadBalancerPort}/ws/candles/AAPL?limit=5&{LocalCluster.ApiKeyQuery}")))
        {
            var first = await socket.ReceiveAsync(TimeSpan.FromSeconds(20));
            Assert.NotNull(first);
            Assert.Equal("historical", first.Value.GetProperty("type").GetString());
        }

        // A gateway stops: the load balancer sends every request to the other one.
        Process.GetProcessById(gateways[0].GetProperty("pid").GetInt32()).Kill();
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);

        var down = await cluster.RunAsync(["down"], TimeSpan.FromSeconds(60));
        Assert.True(down.ExitCode == 0, down.Output);
        Assert.All(cluster.Pids, pid => Assert.False(LocalCluster.IsRunning(pid), $"pid {pid} still runs after down"));
        Assert.False(File.Exists(Path.Combine(cluster.RunDir, "state")));
        Assert.False(Directory.Exists(Path.Combine(cluster.RunDir, "postgres")));
        Assert.Equal(3, (await cluster.RunAsync(["status", "--json"], TimeSpan.FromSeconds(30))).ExitCode);
    }

    /// <summary>A process's environment, from /proc (the tests run as the user that started it).</summary>
    private static Dictionary<string, string> ProcessEnvironment(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

    [Fact]
    public async Task Every_silo_lost_leaves_health_503_and_open_sockets_resume_with_no_gap_once_silos_return()
    {
        // Gateways check in with their symbols' grains every 2 s: a grain activated anew is found soon.
        await using var cluster = new LocalCluster(new Dictionary<string, string?> { ["Gateway__SymbolCheckInterval"] = "00:00:02" });
        await cluster.UpAsync();
        var status = await cluster.StatusAsync();
        using var http = LocalCluster.Authorized(cluster.LoadBalancer, TimeSpan.FromSeconds(60));
        await using var socket = await SocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{cluster.LoadBalancerPort}/ws/candles/AAPL?limit=3&{LocalCluster.ApiKeyQuery}"));
        var times = (await socket.ReceiveAsync(Wait))!.Value.GetProperty("data").EnumerateArray().Select(Time).ToList();
        for (var i = 0; i < 2; i++) times.Add(Time(await socket.ReceiveTypeAsync("bar", Wait) ?? throw Failure(cluster, "no live bar")));

        // The silos started again write to the same PostgreSQL: its settings are read from a silo being replaced.
        var siloEnvironment = ProcessEnvironment(status.GetProperty("silos")[0].GetProperty("pid").GetInt32());
        foreach (var silo in status.GetProperty("silos").EnumerateArray()) Process.GetProcessById(silo.GetProperty("pid").GetInt32()).Kill();
        await Eventually.UntilAsync(async () => (await http.GetAsync("/api/health")).StatusCode == HttpStatusCode.ServiceUnavailable, "health 503 with no silo");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        var lastBeforeLoss = times[^1];

        // Two silos of the same cluster start again, on the same simulated clock.
        var environment = cluster.Environment.Where(e => e.Value is not null && e.Key.Contains("__")).ToDictionary(e => e.Key, e => e.Value!);
        environment["Cluster__Mode"] = "Redis";
        environment["Cluster__Redis"] = $"127.0.0.1:{status.GetProperty("redis").GetProperty("port").GetInt32()}";
        environment["Cluster__AdvertisedAddress"] = "127.0.0.1";
        foreach (var key in new[] { "BarStore__Provider", "BarStore__Postgres__ConnectionString" }) environment[key] = siloEnvironment[key];
        using var first = GatewayProcess.Silo(environment);
        using var second = GatewayProcess.Silo(environment);
        await Eventually.UntilAsync(async () => (await http.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK,
            "health 200 again", TimeSpan.FromSeconds(180));

        // The socket opened before the loss carries on: the minutes of the outage are filled in, in order.
        while (times[^1] < lastBeforeLoss.AddMinutes(10))
            times.Add(Time(await socket.ReceiveTypeAsync("bar", TimeSpan.FromSeconds(120)) ?? throw Failure(cluster, $"bars stopped after {times[^1]:O}", first, second)));
        for (var i = 1; i < times.Count; i++)
        {
            if (times[i] != times[i - 1].AddMinutes(1)) throw Failure(cluster, $"after {times[i - 1]:O} came {times[i]:O}", first, second);
        }
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task Script_refuses_bad_settings_and_a_busy_load_balancer_port()
    {
        await using var cluster = new LocalCluster(new Dictionary<string, string?> { ["SILOS"] = "zero" });
        var bad = await cluster.RunAsync(["up"], TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("SILOS must be a whole number", bad.Output);

        using var busy = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        cluster.Environment["SILOS"] = "2";
        cluster.Environment["LB_PORT"] = port.ToString();
        var taken = await cluster.RunAsync(["up"], TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, taken.ExitCode);
        Assert.Contains($"port {port} is in use", taken.Output);
        Assert.False(File.Exists(Path.Combine(cluster.RunDir, "state")));

        var usage = await cluster.RunAsync(["restart"], TimeSpan.FromSeconds(30));
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("usage:", usage.Output);
    }

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static DateTimeOffset Time(JsonElement bar) => DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!);

    private static Xunit.Sdk.XunitException Failure(LocalCluster cluster, string message, params GatewayProcess[] silos) =>
        new($"{message}\n{cluster.Logs()}{string.Concat(silos.Select((s, i) => $"\n== restarted silo {i + 1}\n{s.Output}"))}");
}
