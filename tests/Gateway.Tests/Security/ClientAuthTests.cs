using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.AlpacaApi;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Security;

/// <summary>With <c>ClientAuth</c> enabled, the /api routes and their candle sockets need a configured client key.</summary>
[Collection(KeyedGatewayCollection.Name)]
public sealed class ClientAuthTests(KeyedGatewayFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private const string Latest = "/api/symbols/AAPL/latest";
    private const string Historical = "/api/symbols/AAPL/historical?limit=5";

    [Theory]
    [InlineData(Latest)]
    [InlineData(Historical)]
    public async Task Rest_without_a_valid_key_is_a_401_that_says_what_to_send_and_shows_no_secret(string path)
    {
        using var noKey = fixture.Factory.CreateHttpClient();
        using var wrongSecret = fixture.Authorized(secret: "not-the-secret");
        using var unknownKey = fixture.Authorized(keyId: "NOSUCHKEY");
        using var crossed = fixture.Authorized(KeyedGatewayFixture.KeyId, KeyedGatewayFixture.OtherSecret);
        foreach (var http in new[] { noKey, wrongSecret, unknownKey, crossed })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
            Assert.Contains("APCA-API-KEY-ID", error);
            Assert.Contains("apiKey=", error);
            Assert.DoesNotContain(KeyedGatewayFixture.Secret, error);
            Assert.DoesNotContain(KeyedGatewayFixture.OtherSecret, error);
        }
        using var wrongQuery = await noKey.GetAsync(WithQueryKey(path, KeyedGatewayFixture.KeyId, "not-the-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongQuery.StatusCode);
    }

    [Theory]
    [InlineData(Latest)]
    [InlineData(Historical)]
    public async Task Rest_is_served_with_a_key_in_the_headers_or_the_query(string path)
    {
        using var headers = fixture.Authorized();
        using var hashed = fixture.Authorized(KeyedGatewayFixture.HashedKeyId, KeyedGatewayFixture.HashedSecret);
        Assert.Equal(HttpStatusCode.OK, (await headers.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hashed.GetAsync(path)).StatusCode);
        var query = await fixture.Http.GetAsync(WithQueryKey(path, KeyedGatewayFixture.OtherKeyId, KeyedGatewayFixture.OtherSecret));
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
    }

    [Fact]
    public async Task Health_stays_open_for_load_balancers()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Candle_socket_without_a_valid_key_gets_an_error_and_close_4001()
    {
        foreach (var path in new[] { "/ws/candles/AAPL", WithQueryKey("/ws/candles/AAPL", KeyedGatewayFixture.KeyId, "wrong") })
        {
            await using var client = await SocketClient.ConnectAsync(fixture.Factory.SocketUri(path));
            var messages = await client.ReceiveUntilClosedAsync(Wait);
            var error = Assert.Single(messages);
            Assert.Equal("error", error.GetProperty("type").GetString());
            Assert.StartsWith("unauthorized", error.GetProperty("message").GetString());
            Assert.Equal(4001, (int?)client.CloseStatus);
        }
    }

    [Fact]
    public async Task Candle_socket_is_served_with_a_key_in_the_query_or_the_headers()
    {
        var byQuery = fixture.Factory.SocketUri(WithQueryKey("/ws/candles/AAPL", KeyedGatewayFixture.KeyId, KeyedGatewayFixture.Secret));
        await using (var browser = await SocketClient.ConnectAsync(byQuery))
            Assert.Equal("historical", (await browser.ReceiveAsync(Wait))!.Value.GetProperty("type").GetString());

        var headers = new Dictionary<string, string>
        {
            ["APCA-API-KEY-ID"] = KeyedGatewayFixture.HashedKeyId,
            ["APCA-API-SECRET-KEY"] = KeyedGatewayFixture.HashedSecret,
        };
        await using var bot = await SocketClient.ConnectAsync(fixture.Factory.SocketUri("/ws/candles/AAPL"), headers);
        Assert.Equal("historical", (await bot.ReceiveAsync(Wait))!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Alpaca_stream_takes_only_configured_keys()
    {
        var uri = fixture.Factory.SocketUri("/v2/iex");
        await using (var wrong = await AlpacaStreamClient.ConnectAsync(uri))
        {
            await wrong.SendAsync($$"""{"action":"auth","key":"{{KeyedGatewayFixture.KeyId}}","secret":"wrong"}""");
            var error = await wrong.ReceiveTypeAsync("error", Wait);
            Assert.Equal(402, error!.Value.GetProperty("code").GetInt32());
        }
        await using var right = await AlpacaStreamClient.AuthenticatedAsync(uri, KeyedGatewayFixture.HashedKeyId, KeyedGatewayFixture.HashedSecret);
        Assert.Equal(WebSocketState.Open, right.State);
    }

    private static string WithQueryKey(string path, string keyId, string secret) =>
        $"{path}{(path.Contains('?') ? '&' : '?')}apiKey={Uri.EscapeDataString($"{keyId}:{secret}")}";
}
