using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OrleansMarketData.Bench.ClusterRestart;

/// <summary>redis-server, silos and one gateway of a Redis cluster as processes on 127.0.0.1, from a given build.</summary>
public sealed class ClusterProcesses(string root, string configuration, IReadOnlyDictionary<string, string> settings) : IDisposable
{
    private readonly string _clusterId = "restart-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<Process> _silos = [];
    private Process? _redis;
    private Process? _gateway;
    private int _redisPort;

    public Uri Gateway { get; private set; } = null!;

    public async Task StartAsync(int silos)
    {
        _redisPort = FreePort();
        _redis = Start("redis-server", ["--port", _redisPort.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], root, []);
        await Task.Delay(500);
        StartSilos(silos);
        var port = FreePort();
        Gateway = new Uri($"http://127.0.0.1:{port}");
        _gateway = StartDotnet("Gateway", new() { ["Urls"] = Gateway.ToString() });
    }

    public void StartSilos(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _silos.Add(StartDotnet("Silo", new()
            {
                ["Cluster__SiloPort"] = FreePort().ToString(),
                ["Cluster__GatewayPort"] = FreePort().ToString(),
            }));
        }
    }

    /// <summary>kill -9 of every silo.</summary>
    public void KillSilos()
    {
        foreach (var silo in _silos) silo.Kill();
        foreach (var silo in _silos) silo.WaitForExit(10_000);
        _silos.Clear();
    }

    public void Dispose()
    {
        foreach (var process in _silos.Append(_gateway).Append(_redis).OfType<Process>())
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
        }
    }

    private Process StartDotnet(string project, Dictionary<string, string> own)
    {
        var directory = Path.Combine(root, project, "bin", configuration, "net10.0");
        var environment = new Dictionary<string, string>(settings)
        {
            ["Cluster__Mode"] = "Redis",
            ["Cluster__Redis"] = $"127.0.0.1:{_redisPort}",
            ["Cluster__ClusterId"] = _clusterId,
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
            // Memory only: this bench measures the restart that has no bar store to read from.
            ["BarStore__Provider"] = "None",
        };
        foreach (var (key, value) in own) environment[key] = value;
        return Start("dotnet", [Path.Combine(directory, $"OrleansMarketData.{project}.dll")], directory, environment);
    }

    private static Process Start(string file, string[] arguments, string directory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        // Drained and dropped: the measurement reads the API, not the logs.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
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
