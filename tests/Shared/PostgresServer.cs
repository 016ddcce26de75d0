using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace OrleansMarketData.Testing;

/// <summary>
/// A throw-away PostgreSQL from Debian's package (installed by tests/run.sh) on 127.0.0.1 and a free port, with
/// password authentication. Its cluster lives in a temporary folder; PostgreSQL refuses to run as root, so as root
/// initdb and pg_ctl run as the <c>postgres</c> user (runuser) and the folder is handed to it. It can be stopped
/// and started again on the same port (a store outage); disposing stops it and deletes the folder.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dir;

    private readonly bool _durable;

    private PostgresServer(string bin, string dir, int port, string password, bool durable)
    {
        _bin = bin;
        _dir = dir;
        Port = port;
        Password = password;
        _durable = durable;
    }

    public int Port { get; }

    /// <summary>The superuser's password: random per server, so that a test can look for it where it must not be.</summary>
    public string Password { get; }

    private string DataDir => Path.Combine(_dir, "data");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database={database};Timeout=5;Command Timeout=30";

    /// <param name="durable">PostgreSQL's own fsync settings (for measurements); tests run without fsync.</param>
    public static async Task<PostgresServer> StartAsync(bool durable = false)
    {
        var bin = FindBin();
        var dir = Directory.CreateTempSubdirectory("bar-store-pg-").FullName;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        var server = new PostgresServer(bin, dir, FreePort(), password, durable);
        try
        {
            var passwordFile = Path.Combine(dir, "password");
            await File.WriteAllTextAsync(passwordFile, password);
            if (IsRoot) await RunAsync("chown", ["-R", "postgres:postgres", dir]);
            await server.RunPostgresToolAsync("initdb", ["-D", server.DataDir, "-U", "postgres", "--auth=scram-sha-256",
                $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C", "--no-sync"]);
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the stopped server again, on the same port and data.</summary>
    public Task StartAgainAsync() => RunPostgresToolAsync("pg_ctl", ["-D", DataDir, "-l", Path.Combine(_dir, "postgres.log"),
        "-w", "-t", "60", "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''{(_durable ? "" : " -c fsync=off")}", "start"]);

    /// <summary>Stops the server, closing every connection (fast shutdown).</summary>
    public Task StopAsync() => RunPostgresToolAsync("pg_ctl", ["-D", DataDir, "-m", "fast", "-w", "-t", "60", "stop"]);

    /// <summary>A new empty database, for one test.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            try { await RunPostgresToolAsync("pg_ctl", ["-D", DataDir, "-m", "immediate", "-w", "-t", "30", "stop"]); }
            catch (InvalidOperationException) { }
        }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private Task RunPostgresToolAsync(string tool, string[] arguments)
    {
        var path = Path.Combine(_bin, tool);
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The newest installed version's programs: /usr/lib/postgresql/N/bin.</summary>
    private static string FindBin()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): tests/run.sh installs Debian's postgresql package");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
    }
}
