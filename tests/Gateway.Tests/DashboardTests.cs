using System.Net;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests;

public sealed class DashboardTests
{
    [Fact]
    public async Task Dashboard_is_served_at_dashboard_when_enabled()
    {
        await using var factory = new GatewayFactory(new Dictionary<string, string?> { ["Cluster:Dashboard"] = "true" });
        using var http = factory.CreateHttpClient();
        using var response = await http.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Orleans", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Dashboard_is_off_by_default()
    {
        await using var factory = new GatewayFactory();
        using var http = factory.CreateHttpClient();
        using var response = await http.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
