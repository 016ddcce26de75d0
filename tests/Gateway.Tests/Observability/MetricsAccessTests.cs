using System.Net;
using OrleansMarketData.Gateway.Tests.AlpacaApi;

namespace OrleansMarketData.Gateway.Tests.Observability;

/// <summary>Scrapers hold no client key: <c>/metrics</c> stays open where the API needs one.</summary>
[Collection(KeyedGatewayCollection.Name)]
public sealed class MetricsAccessTests(KeyedGatewayFixture fixture)
{
    [Fact]
    public async Task Metrics_answer_without_a_client_key_while_the_api_refuses_the_same_request()
    {
        using var noKey = fixture.Factory.CreateHttpClient();
        using var api = await noKey.GetAsync("/api/symbols/AAPL/latest");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        using var metrics = await noKey.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("target_info{service_name=\"OrleansMarketData.Gateway\"", await metrics.Content.ReadAsStringAsync());
    }
}
