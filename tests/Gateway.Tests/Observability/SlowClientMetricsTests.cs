using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Observability;

/// <summary>A client that stops reading shows up in the metrics: closed as slow, with the messages it missed.</summary>
[Collection(MetricsCollection.Name)]
public sealed class SlowClientMetricsTests : IAsyncLifetime
{
    private const string CandleSockets = "endpoint=\"/ws/candles\"";

    private readonly GatewayFactory _factory = new(new Dictionary<string, string?>
    {
        ["MarketData:Simulator:Speed"] = "600",
        // Small, so a stalled socket fills it within seconds (ten simulated minutes a second); not smaller, since a
        // gateway gets a symbol's batches in bunches after any pause (one delivery carries what waited), and the
        // reading socket, read in this process beside the gateway, must ride out a stall of a busy machine.
        ["Gateway:SendQueueCapacity"] = "100",
        ["Gateway:SlowClientCloseTimeout"] = "00:00:02",
    }, socketSendBufferBytes: 16 * 1024);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Stalled_socket_counts_one_slow_client_closed_and_its_dropped_messages()
    {
        using var http = _factory.CreateHttpClient();
        // Upgrades with a tiny receive window, asks for a large history, and never reads.
        using var stalled = await RawWebSocket.ConnectAsync(
            _factory.SocketUri("/ws/candles/AAPL?limit=10000"), new Dictionary<string, string>(), receiveBufferBytes: 1024);

        var metrics = await Eventually.ValueAsync(async () => new PrometheusText(await http.GetStringAsync("/metrics")),
            m => m.Sum("market_data_slow_clients_closed_total", CandleSockets) is not null, m => "a slow client counted:\n" + m?.Text);
        Assert.True(metrics.Sum("market_data_slow_clients_closed_total", CandleSockets) == 1, metrics.Text);
        Assert.True(metrics.Sum("market_data_messages_dropped_total", CandleSockets) >= 1, metrics.Text);
        Assert.Equal(0, metrics.Sum("market_data_sockets_active", CandleSockets));
    }
}
