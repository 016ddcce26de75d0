using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

public sealed class AlpacaSlowClientTests : IAsyncLifetime
{
    private readonly GatewayFactory _factory = new(new Dictionary<string, string?>(AlpacaStreamFixture.LightHistory())
    {
        ["MarketData:Simulator:Speed"] = "600",
        // Small, so a stalled socket fills it within seconds; not smaller, since a gateway gets a symbol's batches in
        // bunches after any pause (one delivery carries what waited), and a reading socket must not overflow then.
        ["Gateway:SendQueueCapacity"] = "16",
        // Long enough that the close (with its 407) still goes out once the client reads again.
        ["Gateway:SlowClientCloseTimeout"] = "00:01:00",
    }, socketSendBufferBytes: 16 * 1024);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_stream_client_that_stops_reading_gets_407_slow_client_and_is_closed()
    {
        var uri = _factory.SocketUri("/v2/iex");
        await using var reader = await AlpacaStreamClient.AuthenticatedAsync(uri, "k", "s");
        await reader.SendAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        Assert.NotNull(await reader.ReceiveTypeAsync("b", TimeSpan.FromSeconds(60)));
        await using var slow = await AlpacaStreamClient.ConnectAsync(uri, receiveBufferBytes: 1024);
        await slow.SendAsync("""{"action":"auth","key":"k","secret":"s"}""");
        await slow.SendAsync("""{"action":"subscribe","bars":["*"],"dailyBars":["*"]}""");

        // Meanwhile the slow client reads nothing: bars of every symbol back up behind it.
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await reader.ReceiveTypeAsync("b", TimeSpan.FromSeconds(30)) is not null,
                $"the reading client got {i} bars, then none (socket {reader.State}, close {reader.CloseStatus})");
        }

        var received = new List<System.Text.Json.JsonElement>();
        while (await slow.ReceiveAsync(TimeSpan.FromSeconds(40)) is { } message) received.Add(message);
        var ending = $"{received.Count} messages, ending {string.Join(", ", received.TakeLast(3))}; close {slow.CloseStatus}";
        Assert.True(received.Count > 0 && received[^1].GetProperty("T").GetString() == "error", ending);
        Assert.Equal(407, received[^1].GetProperty("code").GetInt32());
        Assert.Equal("slow client", received[^1].GetProperty("msg").GetString());
        Assert.True(slow.CloseStatus == WebSocketCloseStatus.PolicyViolation, ending);

        await slow.DisposeAsync();
        var registry = _factory.Services.GetRequiredService<ConnectionRegistry>();
        await Eventually.UntilAsync(() => registry.SlowClientsClosed > 0, "the stalled client closed as slow");
        Assert.Equal(1, registry.SlowClientsClosed);
        Assert.NotNull(await reader.ReceiveTypeAsync("b", TimeSpan.FromSeconds(10)));
    }
}
