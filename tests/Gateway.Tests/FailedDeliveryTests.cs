using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// The silo's deliveries of candle batches to a gateway can fail (the gateway cannot be reached for a while), and
/// are not retried. The first batch that arrives afterwards shows what was missed, and the gateway catches its
/// sockets up from the grain's history.
/// </summary>
public sealed class FailedDeliveryTests : IAsyncLifetime
{
    private readonly FailingDeliveries _failing = new();
    private readonly GatewayFactory _factory;

    public FailedDeliveryTests()
    {
        // Check-ins far apart: the gap must be noticed from the batches themselves.
        _factory = new GatewayFactory(
            new Dictionary<string, string?> { ["Gateway:SymbolCheckInterval"] = "00:01:00" },
            services: services => services.AddSingleton<IOutgoingGrainCallFilter>(_failing));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Sockets_miss_no_bar_when_deliveries_to_the_gateway_fail_for_a_while()
    {
        await using var client = await SocketClient.ConnectAsync(_factory.SocketUri("/ws/candles/NVDA?limit=5"));
        var bars = await MinuteContinuity.StartAsync(_factory, client, "NVDA");

        // Three batches in a row are lost on the way.
        _failing.FailNext(3);
        await bars.ReadMinutesAsync(15);

        await bars.AssertMatchesServerHistoryAsync();
        Assert.Equal(3, _failing.Refused);
    }
}
