using System.Net;
using System.Net.WebSockets;
using OrleansMarketData.Gateway.Tests.AlpacaApi;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Security;

/// <summary>
/// Behind a load balancer every client has the balancer's address. Unauthenticated Alpaca stream sockets are held to
/// a bound of their own, so idle ones do not use up the limit an address's clients authenticate within; and the
/// balancer's <c>X-Forwarded-For</c> names the client only when the balancer is a configured proxy.
/// </summary>
public sealed class PendingAuthTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private const string KeyId = "PENDINGKEY";
    private const string Secret = "pending-secret-8e2f";

    [Fact]
    public async Task Idle_unauthenticated_sockets_count_against_the_pending_bound_not_against_the_address()
    {
        await using var gateway = new GatewayFactory(new Dictionary<string, string?>
        {
            ["ClientAuth:Enabled"] = "true",
            ["ClientAuth:Keys:0:KeyId"] = KeyId,
            ["ClientAuth:Keys:0:Secret"] = Secret,
            ["ClientLimits:MaxSocketsPerClient"] = "2",
            ["ClientLimits:MaxPendingAuthSockets"] = "4",
            ["AlpacaApi:AuthTimeout"] = "00:02:00",
        });
        var uri = gateway.SocketUri("/v2/iex");
        var idle = new List<AlpacaStreamClient>();
        try
        {
            // More idle sockets from this address than its own limit.
            for (var i = 0; i < 3; i++) idle.Add(await ConnectedAsync(uri));
            await using var client = await AlpacaStreamClient.AuthenticatedAsync(uri, KeyId, Secret);
            Assert.Equal(WebSocketState.Open, client.State);

            idle.Add(await ConnectedAsync(uri));
            await using var beyond = await AlpacaStreamClient.ConnectAsync(uri);
            var error = await beyond.ReceiveTypeAsync("error", Wait);
            Assert.Equal(406, error!.Value.GetProperty("code").GetInt32());
        }
        finally
        {
            foreach (var socket in idle) await socket.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Forwarded_addresses_are_believed_only_from_configured_proxies(bool trusted)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ClientLimits:RequestsPerSecond"] = "1",
            ["ClientLimits:RequestBurst"] = "2",
        };
        if (trusted) settings["ClientLimits:TrustedProxies:0"] = "127.0.0.1";
        await using var gateway = new GatewayFactory(settings);
        using var http = gateway.CreateHttpClient();

        HttpStatusCode status = default;
        for (var i = 0; i < 10 && status != HttpStatusCode.TooManyRequests; i++) status = await GetAsync(http, "203.0.113.1");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);

        // Another client behind the same proxy has a budget of its own; a sender that is no proxy cannot claim one.
        Assert.Equal(trusted ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, await GetAsync(http, "203.0.113.2"));
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient http, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/clock");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<AlpacaStreamClient> ConnectedAsync(Uri uri)
    {
        var client = await AlpacaStreamClient.ConnectAsync(uri);
        var welcome = await client.ReceiveAsync(Wait);
        Assert.Equal("connected", welcome!.Value.GetProperty("msg").GetString());
        return client;
    }
}
