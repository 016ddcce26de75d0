using System.Diagnostics;
using System.Net;
using System.Text;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway (or a silo) as its own process, started the way `dotnet run --project Gateway` starts it, with free
/// ports of its own and its simulated clock pinned to <see cref="MarketTime.RegularHours"/> from its start (the
/// environment given may pin it elsewhere; processes of one cluster share one anchor).
/// </summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public GatewayProcess(IReadOnlyDictionary<string, string> environment) : this(AppContext.BaseDirectory, "OrleansMarketData.Gateway.dll", environment)
    {
    }

    /// <summary>The gateway of the test build, started from <paramref name="workingDirectory"/> rather than its own folder.</summary>
    public GatewayProcess(IReadOnlyDictionary<string, string> environment, string workingDirectory)
        : this(workingDirectory, Path.Combine(AppContext.BaseDirectory, "OrleansMarketData.Gateway.dll"), environment)
    {
    }

    private readonly string? _ownStore;

    private GatewayProcess(string directory, string dll, IReadOnlyDictionary<string, string> environment)
    {
        Port = GatewayFactory.FreePort();
        var start = new ProcessStartInfo("dotnet", dll)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = $"http://127.0.0.1:{Port}";
        SiloPort = GatewayFactory.FreePort();
        start.Environment["Cluster__SiloPort"] = SiloPort.ToString();
        start.Environment["Cluster__GatewayPort"] = GatewayFactory.FreePort().ToString();
        start.Environment["MarketData__Simulator__StartTime"] = MarketTime.Text(MarketTime.RegularHours);
        start.Environment["MarketData__Simulator__WallClockAnchor"] = MarketTime.Text(DateTimeOffset.UtcNow);
        // A store of its own unless the test shares one between processes (a restart).
        if (!environment.ContainsKey("BarStore__Sqlite__Path"))
        {
            _ownStore = TestBarStores.NewSqlitePath();
            start.Environment["BarStore__Sqlite__Path"] = _ownStore;
        }
        foreach (var (key, value) in environment) start.Environment[key] = value;

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>A silo of the same build configuration as the tests, from the Silo project's output.</summary>
    public static GatewayProcess Silo(IReadOnlyDictionary<string, string> environment)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testOutput.Parent!.Name;
        var directory = Path.Combine(Repository.Root, "Silo", "bin", configuration, testOutput.Name);
        return new GatewayProcess(directory, "OrleansMarketData.Silo.dll", environment);
    }

    public int Port { get; }

    public int Id => _process.Id;

    /// <summary>The Orleans silo-to-silo port given to the process (used when it hosts a silo).</summary>
    public int SiloPort { get; }

    /// <summary>Kills the process at once (kill -9).</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Sends SIGTERM, as <c>docker stop</c> and Kubernetes do; the host stops on it as on Ctrl-C's SIGINT. Not SIGINT
    /// itself: a test run started as a background job of a shell inherits SIGINT ignored, and so does the gateway,
    /// which then never sees it.
    /// </summary>
    public void Stop() => Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();

    /// <summary>
    /// Waits until <paramref name="path"/> answers 200 at <paramref name="baseAddress"/> (the process's HTTP port unless
    /// given); fails with the process's output when it exits first or never answers.
    /// </summary>
    public async Task WaitUntilAnswersAsync(string path, Uri? baseAddress = null, TimeSpan? bound = null)
    {
        using var http = new HttpClient { BaseAddress = baseAddress ?? BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.ValueAsync(async () =>
        {
            if (HasExited) throw new Xunit.Sdk.XunitException($"exited with {ExitCode} before {http.BaseAddress}{path} answered:\n{Output}");
            try
            {
                return (await http.GetAsync(path)).StatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return (HttpStatusCode)0;
            }
        }, status => status == HttpStatusCode.OK, status => $"{http.BaseAddress}{path} answering 200 (last: {(int)status}):\n{Output}", bound);
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        if (_ownStore is not null) TestBarStores.Delete(_ownStore);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
