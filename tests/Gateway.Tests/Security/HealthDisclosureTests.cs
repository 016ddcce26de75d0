using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.AlpacaApi;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Security;

/// <summary>
/// <c>/api/health</c> stays open, for load balancers, but what maps the deployment (the symbols subscribed upstream,
/// the silo holding the feed, the upstream's last error) goes only to callers with a client key.
/// </summary>
public sealed class HealthDisclosureTests(KeyedGatewayFixture fixture) : IClassFixture<KeyedGatewayFixture>
{
    private static readonly string[] Details = ["subscribed_symbols", "feed_silo", "last_error"];

    [Fact]
    public async Task Health_without_a_key_has_the_state_but_not_the_details()
    {
        using var keyed = fixture.Authorized();
        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/api/symbols/AAPL/latest")).StatusCode);

        var open = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.Equal("healthy", open.GetProperty("status").GetString());
        Assert.Equal("sim", open.GetProperty("feed").GetString());
        Assert.Equal(1, open.GetProperty("silo_count").GetInt32());
        foreach (var detail in Details) Assert.False(open.TryGetProperty(detail, out _), $"{detail} shown without a key: {open}");

        var health = await Eventually.ValueAsync(() => keyed.GetFromJsonAsync<JsonElement>("/api/health"),
            h => h.GetProperty("subscribed_symbols").EnumerateArray().Any(s => s.GetString() == "AAPL"), h => $"AAPL subscribed: {h}");
        Assert.StartsWith("S127.0.0.1:", health.GetProperty("feed_silo").GetString());
    }
}
