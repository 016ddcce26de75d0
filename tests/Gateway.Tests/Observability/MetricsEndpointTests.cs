using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Observability;

/// <summary><c>/metrics</c> of a standalone gateway: its own instruments and those of the silo it hosts.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsEndpointTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private const string CandleSockets = "endpoint=\"/ws/candles\"";

    [Fact]
    public async Task Scrape_counts_bars_in_and_out_and_the_open_socket_until_it_closes()
    {
        await using (var client = await SocketClient.ConnectAsync(gateway.Factory.SocketUri("/ws/candles/AAPL?timeframe=1Min&limit=5")))
        {
            Assert.Equal("historical", (await client.ReceiveAsync(Wait))?.GetProperty("type").GetString());
            for (var i = 0; i < 2; i++) Assert.NotNull(await client.ReceiveTypeAsync("bar", Wait));

            using var response = await gateway.Http.GetAsync("/metrics");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            var metrics = new PrometheusText(await response.Content.ReadAsStringAsync());

            Assert.True(metrics.Sum("market_data_bars_received_total", "feed=\"sim\"") > 0, metrics.Text);
            Assert.True(metrics.Sum("market_data_bars_sent_total", CandleSockets) >= 2, metrics.Text);
            Assert.Equal(1, metrics.Sum("market_data_sockets_active", CandleSockets));
            Assert.Equal(1, metrics.Sum("market_data_subscriptions_active"));
            Assert.True(metrics.Sum("market_data_symbol_grains_active") >= 1, metrics.Text);
            // Orleans' own meter, from the silo this gateway hosts.
            Assert.Contains("\norleans_", metrics.Text);
        }

        // The socket and its symbol's subscription are let go once the client has left.
        await Eventually.ValueAsync(async () => new PrometheusText(await gateway.Http.GetStringAsync("/metrics")),
            after => after.Sum("market_data_sockets_active", CandleSockets) == 0 && after.Sum("market_data_subscriptions_active") == 0,
            after => "no socket and no subscription in the metrics:\n" + after?.Text);
    }
}
