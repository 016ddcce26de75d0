using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests;

public sealed class SlowClientTests : IAsyncLifetime
{
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
    public async Task Client_that_stops_reading_is_closed_and_does_not_slow_the_others()
    {
        var registry = _factory.Services.GetRequiredService<ConnectionRegistry>();
        await using var reader = await SocketClient.ConnectAsync(_factory.SocketUri("/ws/candles/AAPL?limit=10"));
        Assert.NotNull(await reader.ReceiveAsync(TimeSpan.FromSeconds(20)));

        // A raw socket with a tiny receive window that upgrades, asks for a large history, and never reads again.
        using var stalled = await RawWebSocket.ConnectAsync(
            _factory.SocketUri("/ws/candles/AAPL?limit=10000"), new Dictionary<string, string>(), receiveBufferBytes: 1024);

        var live = new List<DateTimeOffset>();
        for (var i = 0; i < 20; i++)
        {
            var bar = await reader.ReceiveTypeAsync("bar", TimeSpan.FromSeconds(10))
                ?? throw new Xunit.Sdk.XunitException($"the reading client got only {i} live bars");
            live.Add(DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!));
        }
        Assert.Equal(live.Order(), live);

        await Eventually.UntilAsync(() => registry.SlowClientsClosed > 0, "the stalled client closed as slow");
        Assert.Equal(1, registry.SlowClientsClosed);
        Assert.Equal(1, registry.Count);
        Assert.NotNull(await reader.ReceiveTypeAsync("bar", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Client_that_never_answers_the_close_handshake_is_let_go_after_the_close_timeout()
    {
        var registry = _factory.Services.GetRequiredService<ConnectionRegistry>();
        await using var client = await SocketClient.ConnectAsync(_factory.SocketUri("/ws/candles/ZZZZ"));
        // The server refuses the unknown symbol and closes; the client reads the close but never replies to it.
        await client.ReceiveUntilClosedAsync(TimeSpan.FromSeconds(20));
        Assert.Equal((System.Net.WebSockets.WebSocketCloseStatus)4404, client.CloseStatus);
        Assert.Equal(System.Net.WebSockets.WebSocketState.CloseReceived, client.State);

        // Gateway:SlowClientCloseTimeout is 2 s here.
        await Eventually.UntilAsync(() => registry.Count == 0, "the socket let go");
    }
}
