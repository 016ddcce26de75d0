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
/// A fake of Alpaca's market-data REST API, trading clock, calendar and asset list, and stream (docs/alpaca-compatibility.md), on
/// 127.0.0.1, on a clock of its own (the test's pinned market time), with knobs for what Alpaca does to its
/// clients: rate limits with their reset time, refused, dropped and held stream sessions, silent streams,
/// corrected bars and raw frames.
/// </summary>
public sealed partial class FakeAlpacaServer : IAsyncDisposable
{
    public const string KeyId = "PKFAKEKEY0000000";
    public const string Secret = "fake-secret-6f1c9a7e2b";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<StreamSession, byte> _sessions = new();
    private readonly Lock _rateLock = new();
    private DateTimeOffset _windowEnd;
    private int _windowCount;
    private int _authenticated;

    private FakeAlpacaServer(WebApplication app, TimeProvider time)
    {
        _app = app;
        Time = time;
        Market = new FakeMarket(time);
    }

    /// <summary>The fake's clock: its "now" for the data cursor, the clock endpoint, rate-limit windows and held sessions.</summary>
    public TimeProvider Time { get; }

    public FakeMarket Market { get; }

    /// <summary>500s, held requests and malformed bodies on REST.</summary>
    public RestFaults RestFaults { get; } = new();

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

    /// <summary>
    /// REST requests allowed per rate-limit window; beyond them the fake answers 429 until the window ends. Every
    /// answer carries X-RateLimit-Limit, -Remaining and -Reset (the window's end in UNIX seconds), as Alpaca's do.
    /// </summary>
    public int RequestsPerMinute { get; set; } = 10_000;

    /// <summary>
    /// The most bars a bars page holds, whatever <c>limit</c> the client asked for: Alpaca may answer with fewer bars
    /// than the limit and a next-page token. Alpaca's own cap (10,000) unless a test lowers it.
    /// </summary>
    public int MaxBarsPerPage { get; set; } = 10_000;

    /// <summary>How long a rate-limit window lasts: Alpaca's is a minute; a test may make it shorter.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>When each REST request arrived, on the fake's clock.</summary>
    public ConcurrentQueue<DateTimeOffset> RestRequests { get; } = new();

    /// <summary>The timeframe of every bars request, in order.</summary>
    public ConcurrentQueue<string> BarRequests { get; } = new();

    /// <summary>Every bars request (each page), with its symbols and range, in order.</summary>
    public ConcurrentQueue<BarQuery> BarQueries { get; } = new();

    /// <summary>The path and query of every trades and quotes request, in arrival order.</summary>
    public ConcurrentQueue<string> TapeRequests { get; } = new();

    /// <summary>
    /// The symbols the trading API's asset list (<c>/v2/assets</c>) names. Null, the default: it answers 404, as to keys
    /// that cannot read the trading API, and clients must decide symbols by their history. (The fake's data has
    /// every symbol but those starting with "ZZ", <see cref="FakeMarket.Exists"/>, which no list could name.)
    /// </summary>
    public IReadOnlyCollection<string>? ListedSymbols { get; set; }

    /// <summary>Asset-list requests received.</summary>
    public int AssetRequests;

    /// <summary>Every 429 answer: when it was sent and the reset time it gave.</summary>
    public ConcurrentQueue<(DateTimeOffset At, DateTimeOffset Reset)> RateLimitedAnswers { get; } = new();

    public int RateLimited => RateLimitedAnswers.Count;

    /// <summary>Every stream login, on the fake's clock, with the error code it was refused with (null: accepted).</summary>
    public ConcurrentQueue<AuthAttempt> AuthAttempts { get; } = new();

    /// <summary>The most stream sessions that were authenticated at the same time.</summary>
    public int MaxConcurrentSessions;

    /// <summary>Authentications refused with 406 because the key already had <see cref="SessionLimit"/> sessions.</summary>
    public int ConnectionLimitRefusals;

    /// <summary>
    /// Authenticated sessions the key may have at once: 1, as Alpaca allows per feed. Raising it lets a test see
    /// in <see cref="MaxConcurrentSessions"/> whether a client would have opened a second one.
    /// </summary>
    public int SessionLimit { get; set; } = 1;

    /// <summary>
    /// How long a session whose connection dropped without a close handshake still counts against
    /// <see cref="SessionLimit"/>: Alpaca holds such half-dead sessions for about 90 s, and answers logins meanwhile
    /// with 406. Zero frees it at once.
    /// </summary>
    public TimeSpan DroppedSessionHold { get; set; }

    /// <summary>Sessions counted against the limit: authenticated ones, and dropped ones still held.</summary>
    public int ActiveSessions => Volatile.Read(ref _authenticated);

    /// <summary>The plan's symbol cap on the stream: a subscribe going over it gets 405 and changes nothing.</summary>
    public int SymbolLimit { get; set; } = int.MaxValue;

    /// <summary>Stream upgrades before this time (on the fake's clock) are refused with HTTP 429, as Alpaca does under reconnect storms.</summary>
    public DateTimeOffset RefuseStreamUntil { get; set; }

    /// <param name="time">The fake's clock; the machine's when null.</param>
    public static async Task<FakeAlpacaServer> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeAlpacaServer(app, time ?? TimeProvider.System);
        app.UseWebSockets();
        new FakeRestApi(server).Map(app);
        app.Map("/v2/{feed}", server.AcceptStreamAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Publishes the bar of <paramref name="minute"/>: REST serves it, and subscribed sessions receive it.</summary>
    public void Publish(string symbol, DateTimeOffset minute)
    {
        var bar = FakeMarket.Bar(symbol, minute);
        Market.Set(bar);
        Market.PublishUntil(symbol, minute.AddMinutes(1));
        foreach (var session in _sessions.Keys) session.SendBar(bar, correction: false);
    }

    /// <summary>Makes the bar part of the history without streaming it (a bar missed while disconnected).</summary>
    public void PublishWithoutStreaming(string symbol, DateTimeOffset minute)
    {
        Market.Set(FakeMarket.Bar(symbol, minute));
        Market.PublishUntil(symbol, minute.AddMinutes(1));
    }

    /// <summary>
    /// Replaces a published minute's bar, as when trades of that minute arrive late: REST serves the new one, and
    /// sessions subscribed to the symbol's updated bars receive it as a "u" message.
    /// </summary>
    public void Correct(FakeBar corrected)
    {
        Market.Set(corrected);
        foreach (var session in _sessions.Keys) session.SendBar(corrected, correction: true);
    }

    /// <summary>Some session has <paramref name="symbol"/> in its bars subscription.</summary>
    public bool IsSubscribed(string symbol) => _sessions.Keys.Any(s => s.HasBars(symbol));

    public void SendRaw(string frame)
    {
        foreach (var session in _sessions.Keys) session.SendRaw(frame);
    }

    /// <summary>Kills every stream connection without a close handshake, as a network failure does.</summary>
    public void DropAllConnections()
    {
        foreach (var session in _sessions.Keys) session.Abort();
    }

    /// <summary>
    /// The open sessions stay connected (they answer pings) but send nothing more, not even bars: a stream gone
    /// quiet while "connected". Sessions opened later work.
    /// </summary>
    public void SilenceOpenSessions()
    {
        foreach (var session in _sessions.Keys) session.Silence();
    }

    public async ValueTask DisposeAsync()
    {
        DropAllConnections();
        await _app.DisposeAsync();
    }

    /// <summary>Counts a REST request in the current rate-limit window and sets the X-RateLimit-* headers; false when over the limit.</summary>
    internal bool TryCountRestRequest(HttpContext context)
    {
        var now = Now;
        RestRequests.Enqueue(now);
        int count;
        DateTimeOffset reset;
        lock (_rateLock)
        {
            if (now >= _windowEnd) (_windowEnd, _windowCount) = (now + RateLimitWindow, 0);
            count = ++_windowCount;
            reset = _windowEnd;
        }
        // Whole seconds, rounded up: a client that waits until then finds the new window open.
        var resetSeconds = (long)Math.Ceiling(reset.ToUnixTimeMilliseconds() / 1000.0);
        context.Response.Headers["X-RateLimit-Limit"] = RequestsPerMinute.ToString();
        context.Response.Headers["X-RateLimit-Remaining"] = Math.Max(0, RequestsPerMinute - count).ToString();
        context.Response.Headers["X-RateLimit-Reset"] = resetSeconds.ToString();
        if (count <= RequestsPerMinute) return true;
        RateLimitedAnswers.Enqueue((now, DateTimeOffset.FromUnixTimeSeconds(resetSeconds)));
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

    /// <summary>A session ended; one that was authenticated and dropped without a close stays counted for <see cref="DroppedSessionHold"/>.</summary>
    internal void Ended(StreamSession session, bool wasAuthenticated, bool closedCleanly)
    {
        _sessions.TryRemove(session, out _);
        if (!wasAuthenticated) return;
        if (closedCleanly || DroppedSessionHold <= TimeSpan.Zero) Interlocked.Decrement(ref _authenticated);
        else _ = ReleaseAfterAsync(DroppedSessionHold);
    }

    private async Task ReleaseAfterAsync(TimeSpan hold)
    {
        await Task.Delay(hold, Time);
        Interlocked.Decrement(ref _authenticated);
    }

    private async Task AcceptStreamAsync(HttpContext context)
    {
        if (Now < RefuseStreamUntil)
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

/// <summary>A stream login: when it came (on the fake's clock), and the error code it was refused with, if any.</summary>
public sealed record AuthAttempt(DateTimeOffset At, int? RefusedWith);
