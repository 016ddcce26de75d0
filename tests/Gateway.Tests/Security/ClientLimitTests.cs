using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.AlpacaApi;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Security;

/// <summary>The REST rate limit, the socket limits per client and per gateway, and the idle timeout.</summary>
public sealed class ClientLimitTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly string[] KeyIds = ["LIMITKEY0", "LIMITKEY1", "LIMITKEY2"];
    private const string Secret = "limit-secret-5d1e";

    /// <summary>Keys on, three requests at once and then one a second, two sockets per client.</summary>
    private static GatewayFactory Limited(IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ClientAuth:Enabled"] = "true",
            ["ClientLimits:RequestsPerSecond"] = "1",
            ["ClientLimits:RequestBurst"] = "3",
            ["ClientLimits:MaxSocketsPerClient"] = "2",
        };
        for (var i = 0; i < KeyIds.Length; i++)
        {
            settings[$"ClientAuth:Keys:{i}:KeyId"] = KeyIds[i];
            settings[$"ClientAuth:Keys:{i}:Secret"] = Secret;
        }
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return new GatewayFactory(settings);
    }

    [Fact]
    public async Task A_client_over_its_request_rate_gets_429_with_retry_after_and_others_are_still_served()
    {
        await using var gateway = Limited();
        using var first = Client(gateway, KeyIds[0]);
        using var second = Client(gateway, KeyIds[1]);

        // Warm the symbol's grain with another key, so the requests below follow each other quickly.
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/symbols/AAPL/latest")).StatusCode);

        var (served, refused) = await RequestUntilRefusedAsync(first, "/api/symbols/AAPL/latest");
        Assert.True(served >= 3, $"only {served} requests served before the first 429; the burst is 3");
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Contains("rate limit", error);

        // The Alpaca-compatible API shares the client's budget and answers in Alpaca's shape.
        var (_, alpaca) = await RequestUntilRefusedAsync(first, "/v2/clock");
        Assert.True((await alpaca.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("code", out _));

        // Another key has its own budget; health is never limited.
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/symbols/AAPL/latest")).StatusCode);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_client_over_its_socket_limit_gets_close_4429_until_it_closes_one()
    {
        await using var gateway = Limited();
        var uri = SocketUri(gateway, KeyIds[0]);
        await using var one = await OpenAsync(uri);
        await using var two = await OpenAsync(uri);

        await using (var three = await SocketClient.ConnectAsync(uri))
        {
            var error = Assert.Single(await three.ReceiveUntilClosedAsync(Wait));
            Assert.Contains("too many sockets", error.GetProperty("message").GetString());
            Assert.Equal(4429, (int?)three.CloseStatus);
        }
        // Another client is not held to this one's count.
        await using var other = await OpenAsync(SocketUri(gateway, KeyIds[1]));

        await one.DisposeAsync();
        await WaitForSocketsAsync(gateway, 2);
        await using var again = await OpenAsync(uri);
    }

    [Fact]
    public async Task An_alpaca_stream_key_over_its_socket_limit_gets_error_406()
    {
        await using var gateway = Limited();
        var uri = gateway.SocketUri("/v2/iex");
        await using var one = await AlpacaStreamClient.AuthenticatedAsync(uri, KeyIds[2], Secret);
        await using var two = await AlpacaStreamClient.AuthenticatedAsync(uri, KeyIds[2], Secret);
        await using var three = await AlpacaStreamClient.ConnectAsync(uri);
        await three.SendAsync($$"""{"action":"auth","key":"{{KeyIds[2]}}","secret":"{{Secret}}"}""");
        var error = await three.ReceiveTypeAsync("error", Wait);
        Assert.Equal(406, error!.Value.GetProperty("code").GetInt32());
        Assert.Null(await three.ReceiveAsync(Wait));
        Assert.NotEqual(WebSocketState.Open, three.State);
    }

    [Fact]
    public async Task A_full_gateway_refuses_further_sockets_from_anyone()
    {
        await using var gateway = Limited(new Dictionary<string, string?> { ["ClientLimits:MaxSockets"] = "2" });
        await using var one = await OpenAsync(SocketUri(gateway, KeyIds[0]));
        await using var two = await OpenAsync(SocketUri(gateway, KeyIds[1]));
        await using var three = await SocketClient.ConnectAsync(SocketUri(gateway, KeyIds[2]));
        var error = Assert.Single(await three.ReceiveUntilClosedAsync(Wait));
        Assert.Contains("gateway full", error.GetProperty("message").GetString());
        Assert.Equal(4429, (int?)three.CloseStatus);
    }

    [Fact]
    public async Task A_socket_whose_client_answers_no_ping_is_dropped_after_the_idle_timeout()
    {
        // Long enough that the answering socket's pongs, sent from this busy process, are never that late.
        var idleTimeout = TimeSpan.FromSeconds(5);
        await using var gateway = new GatewayFactory(new Dictionary<string, string?>
        {
            ["ClientLimits:KeepAliveInterval"] = "00:00:01",
            ["ClientLimits:IdleTimeout"] = idleTimeout.ToString(),
            ["Gateway:SendQueueCapacity"] = "10000",
        });
        // A WebSocket answers pings only while it is receiving: this one keeps receiving, and stays. (The gateway
        // reads the pongs only once it has sent the history: its symbol is loaded first. A receive that times out
        // would abort the socket, so each waits long.)
        using (var http = gateway.CreateHttpClient()) (await http.GetAsync("/api/symbols/MSFT/historical?limit=1")).EnsureSuccessStatusCode();
        await using var answering = await OpenAsync(gateway.SocketUri("/ws/candles/MSFT"));
        var reading = Task.Run(async () =>
        {
            while (answering.State == WebSocketState.Open) await answering.ReceiveAsync(TimeSpan.FromMinutes(10));
        });
        await WaitForSocketsAsync(gateway, 1);

        // This one never receives.
        var opened = System.Diagnostics.Stopwatch.StartNew();
        using var silent = await RawWebSocket.ConnectAsync(gateway.SocketUri("/ws/candles/AAPL"), new Dictionary<string, string>());
        await WaitForSocketsAsync(gateway, 2);
        await WaitForSocketsAsync(gateway, 1);

        // Not before the idle timeout; and the answering one, older, stayed.
        Assert.True(opened.Elapsed >= idleTimeout, $"the silent socket was dropped after {opened.Elapsed}");
        Assert.Equal(WebSocketState.Open, answering.State);
        await answering.DisposeAsync();
        await reading.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Requests as fast as answers come until one is refused (at most 10): how many were served, and the refusal.</summary>
    private static async Task<(int Served, HttpResponseMessage Refused)> RequestUntilRefusedAsync(HttpClient http, string path)
    {
        for (var served = 0; served < 10; served++)
        {
            var response = await http.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return (served, response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Fail($"10 requests to {path} in a row were served; the limit is 3 at once and 1 a second");
        return default;
    }

    private static HttpClient Client(GatewayFactory gateway, string keyId)
        => gateway.CreateHttpClient().WithClientKey(keyId, Secret);

    private static Uri SocketUri(GatewayFactory gateway, string keyId) =>
        gateway.SocketUri($"/ws/candles/AAPL?apiKey={keyId}:{Secret}");

    private static async Task<SocketClient> OpenAsync(Uri uri)
    {
        var client = await SocketClient.ConnectAsync(uri);
        Assert.Equal("historical", (await client.ReceiveAsync(Wait))!.Value.GetProperty("type").GetString());
        return client;
    }

    /// <summary>Until the gateway's health reports <paramref name="count"/> open sockets.</summary>
    private static async Task WaitForSocketsAsync(GatewayFactory gateway, int count)
    {
        using var http = gateway.CreateHttpClient();
        await Eventually.ValueAsync(
            async () => (await http.GetFromJsonAsync<JsonElement>("/api/health")).GetProperty("active_connections").GetInt32(),
            seen => seen == count, seen => $"{count} open sockets in health (it says {seen})");
    }
}
