using System.Diagnostics;
using System.Text.Json;

namespace OrleansMarketData.Bench.Chaos;

/// <summary>
/// The local cluster of deploy/local-cluster.sh (redis, PostgreSQL, silos, gateways, nginx) and the faults done to its
/// processes. A process restarted here runs with the command line, environment and folder it had, read from /proc
/// before it was stopped; such processes are stopped at the end, since the script's state still names the old pids.
/// </summary>
public sealed class ClusterProcesses(string root, IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private readonly List<Process> _restarted = [];

    public string RunDir { get; } = Directory.CreateTempSubdirectory("chaos-cluster-").FullName;

    public string Logs => Path.Combine(RunDir, "logs");

    public async Task UpAsync()
    {
        var result = await ScriptAsync("up", TimeSpan.FromMinutes(10));
        if (result.Code != 0) throw new InvalidOperationException($"local-cluster.sh up failed:\n{result.Output}");
    }

    public async Task<JsonElement> StatusAsync()
    {
        var result = await ScriptAsync("status --json", TimeSpan.FromSeconds(30));
        return JsonDocument.Parse(result.Output).RootElement;
    }

    /// <summary>The pid of <paramref name="kind"/> ("redis", "postgres") as the script recorded it.</summary>
    public async Task<int> PidOfAsync(string kind) => (await StatusAsync()).GetProperty(kind).GetProperty("pid").GetInt32();

    public async Task<int> FeedSiloPidAsync() =>
        (await StatusAsync()).GetProperty("silos").EnumerateArray().Single(s => s.GetProperty("hosts_feed").GetBoolean()).GetProperty("pid").GetInt32();

    public async Task<IReadOnlyList<int>> GatewayPidsAsync() =>
        (await StatusAsync()).GetProperty("gateways").EnumerateArray().Select(g => g.GetProperty("pid").GetInt32()).ToList();

    public static void Signal(int pid, string signal) => Process.Start("kill", [$"-{signal}", pid.ToString()])!.WaitForExit();

    /// <summary>
    /// Stops a process with <paramref name="signal"/> and starts it again as it was, after <paramref name="down"/>;
    /// with <paramref name="command"/> instead of the command line it had.
    /// </summary>
    public async Task<int> RestartAsync(int pid, string signal, TimeSpan down, string[]? command = null)
    {
        var (arguments, environment, directory) = Read(pid);
        arguments = command ?? arguments;
        Signal(pid, signal);
        for (var waited = 0; waited < 600 && Alive(pid); waited++) await Task.Delay(100);
        if (Alive(pid)) Signal(pid, "KILL");
        await Task.Delay(down);
        var start = new ProcessStartInfo(arguments[0]) { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments.Skip(1)) start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        var log = TextWriter.Synchronized(new StreamWriter(Path.Combine(Logs, $"restarted-{process.Id}.log")) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) log.WriteLine(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) log.WriteLine(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _restarted.Add(process);
        return process.Id;
    }

    /// <summary>
    /// kill -9 of redis-server, started again on its port and folder (its append-only file) as
    /// deploy/local-cluster.sh starts it: redis-server rewrites its own command line, so /proc does not have it.
    /// </summary>
    public async Task RestartRedisAsync(TimeSpan down)
    {
        var redis = (await StatusAsync()).GetProperty("redis");
        var port = redis.GetProperty("port").GetInt32().ToString();
        await RestartAsync(redis.GetProperty("pid").GetInt32(), "KILL", down,
            ["redis-server", "--bind", "127.0.0.1", "--port", port, "--dir", Path.Combine(RunDir, "redis"), "--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--daemonize", "no", "--protected-mode", "yes"]);
    }

    /// <summary>Runs pg_ctl on the cluster's PostgreSQL (as the postgres user when root): "stop -m fast" or "start".</summary>
    public async Task PostgresAsync(string action)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Order().Last() + "/bin/pg_ctl";
        var data = Path.Combine(RunDir, "postgres", "data");
        string[] command = [bin, "-D", data, "-w", "-t", "60", .. action.Split(' ')];
        // Started again as deploy/local-cluster.sh started it: its port, TCP on loopback only.
        if (action == "start")
        {
            var port = (await StatusAsync()).GetProperty("postgres").GetProperty("port").GetInt32();
            command = [.. command, "-l", Path.Combine(Logs, "postgres.log"), "-o", $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"];
        }
        if (Environment.UserName == "root") command = ["runuser", "-u", "postgres", "--", .. command];
        var result = await RunAsync(command[0], command[1..], TimeSpan.FromSeconds(90));
        if (result.Code != 0) throw new InvalidOperationException($"pg_ctl {action} failed:\n{result.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _restarted)
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
        }
        // The restarted PostgreSQL is not the pid the script recorded: stop it by its folder first.
        try
        {
            await PostgresAsync("stop -m immediate");
        }
        catch (Exception)
        {
        }
        await ScriptAsync("down", TimeSpan.FromMinutes(2));
    }

    private static bool Alive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");

    private static (string[] Arguments, Dictionary<string, string> Environment, string Directory) Read(int pid)
    {
        var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);
        var directory = new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: false)?.FullName ?? "/";
        return (arguments, environment, directory);
    }

    private Task<(int Code, string Output)> ScriptAsync(string arguments, TimeSpan timeout) =>
        RunAsync("bash", [Path.Combine(root, "deploy", "local-cluster.sh"), .. arguments.Split(' ')], timeout);

    /// <summary>Runs a command to its end; Output is its standard output, followed by its standard error when it failed.</summary>
    private async Task<(int Code, string Output)> RunAsync(string file, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in settings) start.Environment[key] = value;
        start.Environment["RUN_DIR"] = RunDir;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}\n{await error}");
        }
        return (process.ExitCode, process.ExitCode == 0 ? await output : await output + await error);
    }
}
