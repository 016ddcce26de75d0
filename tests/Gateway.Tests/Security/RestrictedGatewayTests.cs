using System.Net;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Security;

/// <summary>A gateway configured for production: keys only in headers, CORS for one origin.</summary>
public sealed class RestrictedGatewayTests : IAsyncLifetime
{
    private const string KeyId = "DESKKEY";
    private const string Secret = "desk-secret-61c0";
    private const string Desk = "https://desk.example";

    private readonly GatewayFactory _gateway = new(new Dictionary<string, string?>
    {
        ["ClientAuth:Enabled"] = "true",
        ["ClientAuth:AllowQueryKey"] = "false",
        ["ClientAuth:Keys:0:KeyId"] = KeyId,
        ["ClientAuth:Keys:0:Secret"] = Secret,
        ["Gateway:CorsOrigins:0"] = Desk,
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task With_query_keys_turned_off_only_the_headers_authenticate()
    {
        using var http = _gateway.CreateHttpClient();
        var byQuery = await http.GetAsync($"/api/symbols/AAPL/latest?apiKey={KeyId}:{Secret}");
        Assert.Equal(HttpStatusCode.Unauthorized, byQuery.StatusCode);
        Assert.DoesNotContain("apiKey", await byQuery.Content.ReadAsStringAsync());

        await using var socket = await SocketClient.ConnectAsync(_gateway.SocketUri($"/ws/candles/AAPL?apiKey={KeyId}:{Secret}"));
        await socket.ReceiveUntilClosedAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(4001, (int?)socket.CloseStatus);

        http.WithClientKey(KeyId, Secret);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/symbols/AAPL/latest")).StatusCode);
    }

    [Theory]
    [InlineData(Desk, true)]
    [InlineData("https://elsewhere.example", false)]
    public async Task Cors_allows_only_the_configured_origin(string origin, bool allowed)
    {
        using var http = _gateway.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("Origin", origin);
        using var response = await http.SendAsync(request);
        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin") && !allowed);
    }
}
