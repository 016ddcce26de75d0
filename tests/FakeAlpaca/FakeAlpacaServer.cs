using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansMarketData.FakeAlpaca;

/// <summary>
/// A fake of Alpaca's market-data REST API, trading calendar and stream (protocol notes §6), on 127.0.0.1, with
/// knobs for the failures tests need: rate limits, refused and dropped stream connections, raw frames.
/// </summary>
public sealed class FakeAlpacaServer : IAsyncDisposable
{
    public const string KeyId = "PKFAKEKEY0000000";
    public const string Secret = "fake-secret-6f1c9a7e2b";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<StreamSession, byte> _sessions = new();
    private int _authenticated;

    private FakeAlpacaServer(WebApplication app)
    {
        _app = app;
    }

    public FakeMarket Market { get; } = new();

    /// <summary>The key pair REST and the stream accept; <see cref="KeyId"/> and <see cref="Secret"/> unless a test sets others.</summary>
    public string AcceptedKeyId { get; set; } = KeyId;

    public string AcceptedSecret { get; set; } = Secret;

    /// <summary>
    /// REST answers 500 with every request header in its error message, as a careless upstream or proxy might:
    /// the client must not pass the upstream's words on with its keys in them.
    /// </summary>
    public bool FailRestEchoingHeaders { get; set; }

    /// <summary>
    /// The stream refuses every login with an error of a code Alpaca does not document whose message repeats the
    /// key and secret it was sent.
    /// </summary>
    public bool RefuseStreamEchoingKeys { get; set; }

    /// <summary>Error bodies sent while <see cref="FailRestEchoingHeaders"/> was set.</summary>
    public int EchoedHeaderErrors;

    public Uri BaseUrl { get; private set; } = null!;

    public string StreamUrl => $"ws://{BaseUrl.Authority}/v2/iex";

    /// <summary>Above this many REST requests in a minute the fake answers 429 with X-RateLimit-* headers.</summary>
    public int RequestsPerMinute { get; set; } = 10_000;

    public ConcurrentQueue<DateTimeOffset> RestRequests { get; } = new();

    /// <summary>The timeframe of every bars request, in order.</summary>
    public ConcurrentQueue<string> BarRequests { get; } = new();

    public int RateLimited;

    public ConcurrentQueue<DateTimeOffset> AuthAttempts { get; } = new();

    /// <summary>The most stream sessions that were authenticated at the same time.</summary>
    public int MaxConcurrentSessions;

    /// <summary>Authentications refused with 406 because the key already had <see cref="SessionLimit"/> sessions.</summary>
    public int ConnectionLimitRefusals;

    /// <summary>
    /// Authenticated sessions the key may have at once: 1, as Alpaca allows per feed. Raising it lets a test see
    /// in <see cref="MaxConcurrentSessions"/> whether a client would have opened a second one.
    /// </summary>
    public int SessionLimit { get; set; } = 1;

    public int ActiveSessions => Volatile.Read(ref _authenticated);

    /// <summary>The plan's symbol cap on the stream: a subscribe going over it gets 405 and changes nothing.</summary>
    public int SymbolLimit { get; set; } = int.MaxValue;

    /// <summary>Stream upgrades before this time are refused with HTTP 429, as Alpaca does under reconnect storms.</summary>
    public DateTimeOffset RefuseStreamUntil { get; set; }

    public static async Task<FakeAlpacaServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeAlpacaServer(app);
        app.UseWebSockets();
        new FakeRestApi(server).Map(app);
        app.Map("/v2/{feed}", server.AcceptStreamAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>Publishes the bar of <paramref name="minute"/>: REST serves it, and subscribed sessions receive it.</summary>
    public void Publish(string symbol, DateTimeOffset minute)
    {
        Market.PublishUntil(symbol, minute.AddMinutes(1));
        var bar = FakeMarket.Bar(symbol, minute);
        foreach (var session in _sessions.Keys) session.SendBar(bar);
    }

    /// <summary>Makes the bar part of the history without streaming it (a bar missed while disconnected).</summary>
    public void PublishWithoutStreaming(string symbol, DateTimeOffset minute) => Market.PublishUntil(symbol, minute.AddMinutes(1));

    /// <summary>Some session has <paramref name="symbol"/> in its bars subscription.</summary>
    public bool IsSubscribed(string symbol) => _sessions.Keys.Any(s => s.HasBars(symbol));

    public void SendRaw(string frame)
    {
        foreach (var session in _sessions.Keys) session.SendRaw(frame);
    }

    /// <summary>Kills every stream connection without a close handshake.</summary>
    public void DropAllConnections()
    {
        foreach (var session in _sessions.Keys) session.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        DropAllConnections();
        await _app.DisposeAsync();
    }

    internal bool TryCountRestRequest(HttpContext context)
    {
        var now = DateTimeOffset.UtcNow;
        RestRequests.Enqueue(now);
        var inLastMinute = RestRequests.Count(t => t > now.AddMinutes(-1));
        context.Response.Headers["X-RateLimit-Limit"] = RequestsPerMinute.ToString();
        context.Response.Headers["X-RateLimit-Remaining"] = Math.Max(0, RequestsPerMinute - inLastMinute).ToString();
        context.Response.Headers["X-RateLimit-Reset"] = now.AddSeconds(60).ToUnixTimeSeconds().ToString();
        if (inLastMinute <= RequestsPerMinute) return true;
        Interlocked.Increment(ref RateLimited);
        return false;
    }

    internal bool HasValidKeys(HttpContext context) =>
        context.Request.Headers["APCA-API-KEY-ID"] == AcceptedKeyId && context.Request.Headers["APCA-API-SECRET-KEY"] == AcceptedSecret;

    internal bool HasValidKeys(string? keyId, string? secret) => keyId == AcceptedKeyId && secret == AcceptedSecret;

    /// <summary>Marks a session authenticated unless the key already has <see cref="SessionLimit"/> of them.</summary>
    internal bool TryAuthenticate()
    {
        while (true)
        {
            var current = Volatile.Read(ref _authenticated);
            if (current >= SessionLimit)
            {
                Interlocked.Increment(ref ConnectionLimitRefusals);
                return false;
            }
            if (Interlocked.CompareExchange(ref _authenticated, current + 1, current) != current) continue;
            InterlockedMax(ref MaxConcurrentSessions, current + 1);
            return true;
        }
    }

    internal void Ended(StreamSession session, bool wasAuthenticated)
    {
        _sessions.TryRemove(session, out _);
        if (wasAuthenticated) Interlocked.Decrement(ref _authenticated);
    }

    private async Task AcceptStreamAsync(HttpContext context)
    {
        if (DateTimeOffset.UtcNow < RefuseStreamUntil)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return;
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var msgpack = context.Request.ContentType?.StartsWith("application/msgpack", StringComparison.OrdinalIgnoreCase) == true;
        var session = new StreamSession(this, socket, HasValidKeys(context), msgpack);
        _sessions.TryAdd(session, 0);
        await session.RunAsync();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
