using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class ApiTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("timeframe=2Sec", "timeframe")]
    [InlineData("timeframe=", "timeframe")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=10001", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=1.5", "limit")]
    [InlineData("limit=5&limit=6", "limit")]
    public async Task Bad_query_parameter_is_a_400_naming_it_and_what_is_allowed(string query, string parameter)
    {
        var error = await ExpectErrorAsync($"/api/symbols/AAPL/historical?{query}", HttpStatusCode.BadRequest);
        Assert.StartsWith($"invalid {parameter}", error);
        Assert.Contains(parameter == "limit" ? "1 to 10000" : "1Min, 5Min, 15Min, 1Hour, 1Day", error);
    }

    [Theory]
    [InlineData("/api/symbols/AAPL$/historical")]
    [InlineData("/api/symbols/AAPL$/latest")]
    [InlineData("/api/symbols/1AAPL/historical")]
    [InlineData("/api/symbols/ABCDEFGHIJK/latest")]
    public async Task Malformed_symbol_is_a_400(string path)
    {
        var error = await ExpectErrorAsync(path, HttpStatusCode.BadRequest);
        Assert.StartsWith("invalid symbol", error);
        Assert.Contains("1 to 10 characters", error);
    }

    [Fact]
    public async Task Two_hundred_character_symbol_is_a_400_that_does_not_echo_it_whole()
    {
        var symbol = new string('A', 200);
        var error = await ExpectErrorAsync($"/api/symbols/{symbol}/historical", HttpStatusCode.BadRequest);
        Assert.StartsWith("invalid symbol", error);
        Assert.DoesNotContain(symbol, error);
    }

    [Theory]
    [InlineData("/api/symbols/ZZZZ/historical")]
    [InlineData("/api/symbols/ZZZZ/latest")]
    public async Task Unknown_symbol_is_a_404(string path)
    {
        var error = await ExpectErrorAsync(path, HttpStatusCode.NotFound);
        Assert.Equal("unknown symbol 'ZZZZ'", error);
    }

    [Theory]
    [InlineData("/nope")]
    [InlineData("/api/symbols")]
    [InlineData("/api/symbols/AAPL/everything")]
    public async Task Unknown_route_is_a_404_with_a_json_error(string path)
    {
        var error = await ExpectErrorAsync(path, HttpStatusCode.NotFound);
        Assert.Contains(path, error);
    }

    [Fact]
    public async Task Wrong_method_is_answered_with_a_json_error_not_a_500()
    {
        using var response = await fixture.Http.PostAsync("/api/symbols/AAPL/historical", content: null);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, response.StatusCode.ToString());
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Socket_route_without_an_upgrade_is_a_400()
    {
        var error = await ExpectErrorAsync("/ws/candles/AAPL", HttpStatusCode.BadRequest);
        Assert.Contains("WebSocket", error);
    }

    [Fact]
    public async Task Health_reports_the_seed_fields_and_the_feed()
    {
        // The sockets of this collection's earlier tests are closed, or closing.
        await ActiveConnectionsAsync(0);
        await fixture.Http.GetAsync("/api/symbols/AAPL/latest");
        await using (var socket = await SocketClient.ConnectAsync(fixture.Factory.SocketUri("/ws/candles/KO?limit=1")))
        {
            Assert.NotNull(await socket.ReceiveAsync(TimeSpan.FromSeconds(20)));
            await ActiveConnectionsAsync(1);
        }
        await ActiveConnectionsAsync(0);

        using var response = await fixture.Http.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The cluster's part of health is read at most every Gateway:HealthCacheDuration (docs/configuration.md).
        var health = await Eventually.ValueAsync(() => fixture.Http.GetFromJsonAsync<JsonElement>("/api/health"),
            h => h.GetProperty("subscribed_symbols").EnumerateArray().Any(e => e.GetString() == "AAPL"), h => $"AAPL subscribed in health: {h}");
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.False(health.GetProperty("alpaca_connected").GetBoolean());
        Assert.Equal("sim", health.GetProperty("feed").GetString());
        Assert.Equal("streaming", health.GetProperty("upstream_state").GetString());
        Assert.Equal(1, health.GetProperty("silo_count").GetInt32());
        Assert.True(DateTimeOffset.TryParse(health.GetProperty("market_time").GetString(), out _));
    }

    [Fact]
    public async Task Cors_allows_any_origin_by_default()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("Origin", "http://example.test");
        using var response = await fixture.Http.SendAsync(request);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    /// <summary>Until health counts <paramref name="count"/> open sockets.</summary>
    private Task ActiveConnectionsAsync(int count) => Eventually.ValueAsync(
        async () => (await fixture.Http.GetFromJsonAsync<JsonElement>("/api/health")).GetProperty("active_connections").GetInt32(),
        seen => seen == count, seen => $"{count} active connections in health (it says {seen})");

    private async Task<string> ExpectErrorAsync(string path, HttpStatusCode status)
    {
        using var response = await fixture.Http.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("error").GetString()!;
    }
}
