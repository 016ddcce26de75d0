using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// A standalone gateway (with its in-process silo) on a real Kestrel socket on 127.0.0.1, with free ports for
/// Orleans so that several can run side by side. Its simulator runs at 60× from a pinned market time; its SQLite bar
/// store is a file of its own.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly int? _socketSendBufferBytes;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _ownStore;

    /// <param name="settings">Configuration on top of the defaults.</param>
    /// <param name="socketSendBufferBytes">
    /// A fixed kernel send buffer for accepted connections (Linux lets it grow to 4 MB otherwise), so that a client
    /// that stops reading blocks the server's sends after kilobytes rather than megabytes.
    /// </param>
    /// <param name="services">Services to add, such as grain call filters of the in-process silo.</param>
    /// <param name="marketTime">Where the simulated clock starts (<see cref="MarketTime.RegularHours"/> unless given).</param>
    public GatewayFactory(IReadOnlyDictionary<string, string?>? settings = null, int? socketSendBufferBytes = null,
        Action<IServiceCollection>? services = null, DateTimeOffset? marketTime = null)
    {
        _services = services;
        _ownStore = TestBarStores.NewSqlitePath();
        Logs = new LogCapture();
        _socketSendBufferBytes = socketSendBufferBytes;
        _settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Cluster:SiloPort"] = FreePort().ToString(),
            ["Cluster:GatewayPort"] = FreePort().ToString(),
            ["MarketData:Simulator:Speed"] = "60",
            ["MarketData:Simulator:StartTime"] = MarketTime.Text(marketTime ?? MarketTime.RegularHours),
            ["MarketData:Simulator:WallClockAnchor"] = MarketTime.Text(DateTimeOffset.UtcNow),
            ["Logging:LogLevel:Default"] = "Warning",
            // A store of its own unless the test passes one (a restart on the same file).
            ["BarStore:Sqlite:Path"] = _ownStore,
            // Every test client comes from 127.0.0.1, and together they make far more requests and sockets than one
            // client would; the limits' own tests set them.
            ["ClientLimits:RequestsPerSecond"] = "0",
            ["ClientLimits:MaxSocketsPerClient"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        UseKestrel(0);
    }

    /// <summary>Every log line the gateway wrote, with exceptions.</summary>
    public LogCapture Logs { get; }

    /// <summary>http://127.0.0.1:port of the running server.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("localhost", "127.0.0.1").Replace("[::]", "127.0.0.1"));
        }
    }

    /// <remarks>
    /// Two minutes a request: the simulator computes a daily range years older than the cache from its minutes, trades
    /// included, which on a busy machine takes longer than 30 s.
    /// </remarks>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

    public Uri SocketUri(string pathAndQuery) => new($"ws://{BaseAddress.Authority}{pathAndQuery}");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TestBarStores.Delete(_ownStore);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        // The gateway gives its own shutdown 5 s (Ctrl-C must be quick; ProcessTests check that on a real process).
        // Many test gateways stopping at once on two cores can take longer, which is no failure of the test.
        builder.ConfigureServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30)));
        if (_services is not null) builder.ConfigureServices(_services);
        if (_socketSendBufferBytes is { } bytes)
        {
            builder.ConfigureServices(services => services.Configure<SocketTransportOptions>(o => o.CreateBoundListenSocket = endpoint =>
            {
                // Accepted sockets inherit the listening socket's buffer size.
                var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                socket.SendBufferSize = bytes;
                return socket;
            }));
        }
    }

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A port that is free now and has not been handed out before in this test run. It is taken below the kernel's
    /// ephemeral range (32768 and up on Linux), where the outgoing connections of the tests themselves take their
    /// local ports and could take it before the server that was given it binds; and below 30000, where
    /// deploy/local-cluster.sh looks for Orleans gateway ports.
    /// </summary>
    public static int FreePort()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1_000; attempt++)
            {
                var port = Random.Shared.Next(20_000, 30_000);
                if (HandedOut.Contains(port)) continue;
                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                }
                catch (SocketException)
                {
                    continue;
                }
                HandedOut.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException("no free port between 20000 and 30000");
    }
}
