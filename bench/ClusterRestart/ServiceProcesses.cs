using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OrleansMarketData.Bench.ClusterRestart;

/// <summary>
/// The service as processes on 127.0.0.1, from a given build: redis-server, silos and one gateway of a Redis cluster,
/// or one standalone gateway (its silo inside). <paramref name="settings"/> reach every process.
/// </summary>
public sealed class ServiceProcesses(string root, string configuration, bool standalone, IReadOnlyDictionary<string, string> settings) : IDisposable
{
    private readonly string _clusterId = "restart-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<Process> _silos = [];
    private Process? _redis;
    private Process? _gateway;
    private int _redisPort;

    public Uri Gateway { get; } = new($"http://127.0.0.1:{FreePort()}");

    /// <summary>
    /// The processes that write to the bar store, where their <c>/health/ready</c> answers: the standalone gateway, or
    /// each silo on its own <c>Telemetry:MetricsPort</c>.
    /// </summary>
    public IReadOnlyList<Uri> StoreWriters => standalone ? [Gateway] : _siloHealth;

    private readonly List<Uri> _siloHealth = [];

    /// <summary>Where each process's output goes, a file per process.</summary>
    public string LogDirectory { get; } = Directory.CreateTempSubdirectory("restart-bench-logs-").FullName;

    public async Task StartAsync(int silos)
    {
        if (!standalone)
        {
            _redisPort = FreePort();
            _redis = Start("redis-server", ["--port", _redisPort.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], root, []);
            await Task.Delay(500);
            StartSilos(silos);
        }
        StartGateway();
    }

    public void StartSilos(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var health = FreePort();
            _siloHealth.Add(new Uri($"http://127.0.0.1:{health}"));
            _silos.Add(StartDotnet("Silo", new() { ["Telemetry__MetricsPort"] = health.ToString() }));
        }
    }

    /// <summary>kill -9 of every silo.</summary>
    public void KillSilos()
    {
        foreach (var silo in _silos) silo.Kill();
        foreach (var silo in _silos) silo.WaitForExit(10_000);
        _silos.Clear();
        _siloHealth.Clear();
    }

    /// <summary>Stops the gateway as an operator does (SIGTERM) and starts it again on the same address.</summary>
    public void RestartGateway()
    {
        Process.Start("kill", ["-TERM", _gateway!.Id.ToString()])!.WaitForExit();
        if (!_gateway.WaitForExit(60_000)) _gateway.Kill();
        _gateway.Dispose();
        StartGateway();
    }

    public void Dispose()
    {
        foreach (var process in _silos.Append(_gateway).Append(_redis).OfType<Process>())
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
        }
    }

    private void StartGateway() => _gateway = StartDotnet("Gateway", new() { ["Urls"] = Gateway.ToString() });

    private Process StartDotnet(string project, Dictionary<string, string> own)
    {
        var directory = Path.Combine(root, project, "bin", configuration, "net10.0");
        var environment = new Dictionary<string, string>(settings)
        {
            ["Cluster__SiloPort"] = FreePort().ToString(),
            ["Cluster__GatewayPort"] = FreePort().ToString(),
        };
        if (!standalone)
        {
            environment["Cluster__Mode"] = "Redis";
            environment["Cluster__Redis"] = $"127.0.0.1:{_redisPort}";
            environment["Cluster__ClusterId"] = _clusterId;
            environment["Cluster__AdvertisedAddress"] = "127.0.0.1";
        }
        foreach (var (key, value) in own) environment[key] = value;
        return Start("dotnet", [Path.Combine(directory, $"OrleansMarketData.{project}.dll")], directory, environment);
    }

    private Process Start(string file, string[] arguments, string directory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        // Kept for a reader of the run (the measurement reads the API): one file per process, beside the bench's.
        var log = TextWriter.Synchronized(new StreamWriter(Path.Combine(LogDirectory, $"{Path.GetFileName(arguments.FirstOrDefault() ?? file)}-{process.Id}.log")) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) log.WriteLine(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) log.WriteLine(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
