using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>A throw-away redis-server (Debian's package, installed by tests/run.sh) on a free loopback port.</summary>
public sealed class RedisProcess : IDisposable
{
    private readonly Process _process;

    private RedisProcess(int port, Process process)
    {
        Port = port;
        _process = process;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisProcess> StartAsync()
    {
        var port = GatewayFactory.FreePort();
        var process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        process.BeginOutputReadLine();
        var redis = new RedisProcess(port, process);
        try
        {
            await Eventually.UntilAsync(redis.PingAsync, $"redis-server answering on port {port}");
            return redis;
        }
        catch
        {
            redis.Dispose();
            throw;
        }
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
