using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// A socket that joins a symbol's shared subscription starts from a snapshot newer than what the subscription
/// received when batches were just lost: the sockets already there must still be caught up.
/// </summary>
public sealed class JoiningSocketTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly HeldDeliveries _deliveries = new();
    private readonly GatewayFactory _factory;

    public JoiningSocketTests()
    {
        // Check-ins far apart: only the batches themselves can show the gap.
        _factory = new GatewayFactory(
            new Dictionary<string, string?> { ["Gateway:SymbolCheckInterval"] = "00:01:00" },
            services: services => services.AddSingleton<IOutgoingGrainCallFilter>(_deliveries));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _deliveries.Release();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task A_socket_joining_after_a_lost_batch_does_not_hide_the_loss_from_the_sockets_already_there()
    {
        await using var first = await SocketClient.ConnectAsync(_factory.SocketUri("/ws/candles/AMD?limit=5"));
        var bars = await MinuteContinuity.StartAsync(_factory, first, "AMD");

        _deliveries.LoseThenHold(3);
        await _deliveries.Holding.WaitAsync(Wait);
        // The grain is past the lost batches: the joining socket's snapshot holds them.
        await using var joining = await SocketClient.ConnectAsync(_factory.SocketUri("/ws/candles/AMD?limit=5"));
        Assert.Equal("historical", (await joining.ReceiveAsync(Wait))!.Value.GetProperty("type").GetString());
        _deliveries.Release();

        await bars.ReadMinutesAsync(10);
        await bars.AssertMatchesServerHistoryAsync();
    }
}
