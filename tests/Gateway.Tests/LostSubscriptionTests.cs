using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Grains;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// A gateway's registration with a symbol grain can go without the gateway being told: the grain was activated
/// anew after its silo died, or the registration lapsed while the gateway could not be reached. The gateway must
/// notice and carry on with no gap.
/// </summary>
public sealed class LostSubscriptionTests : IAsyncLifetime
{

    private readonly FailingSymbolCalls _failingWatches = new(nameof(ISymbolGrain.Watch));
    private readonly GatewayFactory _factory;

    public LostSubscriptionTests()
    {
        _factory = new GatewayFactory(
            new Dictionary<string, string?>
            {
                ["Gateway:SymbolCheckInterval"] = "00:00:01",
                ["Logging:LogLevel:OrleansMarketData.Gateway.Sockets"] = "Information",
            },
            services: services => services.AddSingleton<IIncomingGrainCallFilter>(_failingWatches));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Gateway_whose_registration_was_dropped_registers_again_and_its_sockets_miss_no_bar()
    {
        await using var client = await SocketClient.ConnectAsync(_factory.SocketUri("/ws/candles/AMZN?limit=5"));
        var bars = await MinuteContinuity.StartAsync(_factory, client, "AMZN");

        // The registration goes, and the gateway's next two check-ins cannot renew it: bars are missed.
        var gateway = _factory.Services.GetRequiredService<SymbolSubscriptions>().Observer;
        _failingWatches.FailNext("AMZN", 2);
        await _factory.Services.GetRequiredService<IClusterClient>().GetGrain<ISymbolGrain>("AMZN").Unwatch(gateway);
        await bars.ReadMinutesAsync(15);

        await bars.AssertMatchesServerHistoryAsync();
        // The bars of the gap came from the grain's history: a check-in registered again, and the next batch
        // showed what was missed.
        Assert.Equal(2, _failingWatches.Refused);
        Assert.Contains(_factory.Logs.Lines, l => l.Contains("AMZN: 1 sockets caught up from the grain's history"));
    }
}
