using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Grains;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class CandleSocketTests(GatewayFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Client_gets_history_then_live_bars_with_no_gap_and_no_duplicate_and_a_pong()
    {
        await using var client = await SocketClient.ConnectAsync(fixture.Factory.SocketUri("/ws/candles/aapl?timeframe=1Min&limit=100"));
        var historical = (await client.ReceiveAsync(Wait))!.Value;
        Assert.Equal("historical", historical.GetProperty("type").GetString());
        Assert.Equal("AAPL", historical.GetProperty("symbol").GetString());
        Assert.Equal("1Min", historical.GetProperty("timeframe").GetString());
        var history = historical.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(100, history.Count);

        var live = new List<JsonElement>();
        for (var i = 0; i < 3; i++) live.Add((await client.ReceiveTypeAsync("bar", Wait)) ?? throw new Xunit.Sdk.XunitException($"live bar {i + 1} did not arrive"));
        await client.SendTextAsync("""{"action":"ping"}""");
        Assert.NotNull(await client.ReceiveTypeAsync("pong", Wait));

        foreach (var bar in live)
        {
            Assert.Equal("AAPL", bar.GetProperty("symbol").GetString());
            Assert.Equal("1Min", bar.GetProperty("timeframe").GetString());
            foreach (var indicator in new[] { "ATR", "RSI", "MA40", "MA80", "MA160" })
                Assert.Equal(JsonValueKind.Number, bar.GetProperty(indicator).ValueKind);
        }

        // Every minute the server has between the end of the history and the newest live bar was sent once, in order.
        var received = history.Concat(live).Select(Time).ToList();
        Assert.Equal(received.Distinct().Order(), received);
        var serverBars = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/symbols/AAPL/historical?limit=500");
        var serverTimes = serverBars.GetProperty("data").EnumerateArray().Select(Time)
            .Where(t => t > Time(history[^1]) && t <= Time(live[^1])).ToList();
        Assert.Equal(serverTimes, live.Select(Time));
    }

    [Fact]
    public async Task Longer_timeframe_resends_the_forming_bar_with_the_same_timestamp()
    {
        await using var client = await SocketClient.ConnectAsync(fixture.Factory.SocketUri("/ws/candles/MSFT?timeframe=1Hour&limit=10"));
        var history = (await client.ReceiveAsync(Wait))!.Value.GetProperty("data").EnumerateArray().ToList();
        var bars = new List<JsonElement> { (await client.ReceiveTypeAsync("bar", Wait))!.Value };
        Assert.Equal("1Hour", bars[0].GetProperty("timeframe").GetString());
        Assert.True(Time(bars[0]) >= Time(history[^1]));

        // At one simulated minute a second, each minute resends the hour's forming bar; only an hour's end starts a new one.
        while (bars.Count < 2 || Time(bars[^1]) != Time(bars[^2]))
        {
            Assert.True(bars.Count < 10, $"no two updates of one hour in {string.Join(", ", bars.Select(Time))}");
            bars.Add((await client.ReceiveTypeAsync("bar", Wait))!.Value);
        }
        var (first, second) = (bars[^2], bars[^1]);
        Assert.Equal(first.GetProperty("open").GetDouble(), second.GetProperty("open").GetDouble());
        Assert.True(second.GetProperty("volume").GetInt64() > first.GetProperty("volume").GetInt64());
        Assert.True(second.GetProperty("high").GetDouble() >= first.GetProperty("high").GetDouble());
        Assert.True(second.GetProperty("low").GetDouble() <= first.GetProperty("low").GetDouble());
    }

    [Fact]
    public async Task Sockets_of_one_symbol_share_one_stream_subscription_released_with_the_last()
    {
        var calls = new SymbolCalls();
        // Check-ins (which register again) a minute apart, so that every registration counted here is a subscription's first.
        await using var gateway = new GatewayFactory(new Dictionary<string, string?> { ["Gateway:SymbolCheckInterval"] = "00:01:00" },
            services: services => services.AddSingleton<IIncomingGrainCallFilter>(calls));
        var subscriptions = gateway.Services.GetRequiredService<SymbolSubscriptions>();
        var a = await SocketClient.ConnectAsync(gateway.SocketUri("/ws/candles/NFLX?timeframe=1Min"));
        var b = await SocketClient.ConnectAsync(gateway.SocketUri("/ws/candles/NFLX?timeframe=1Day"));
        Assert.Equal("historical", (await a.ReceiveAsync(Wait))?.GetProperty("type").GetString());
        Assert.Equal("historical", (await b.ReceiveAsync(Wait))?.GetProperty("type").GetString());
        Assert.Equal(1, calls.Count("NFLX", nameof(ISymbolGrain.Watch)));
        Assert.Contains("NFLX", subscriptions.Symbols);

        // A socket counts as open until its session, and with it its hold on the subscription, has ended.
        var registry = gateway.Services.GetRequiredService<ConnectionRegistry>();
        await a.DisposeAsync();
        await Eventually.UntilAsync(() => registry.Count == 1, "the first socket's session ended");
        Assert.Equal(0, calls.Count("NFLX", nameof(ISymbolGrain.Unwatch)));
        Assert.Contains("NFLX", subscriptions.Symbols);
        Assert.NotNull(await b.ReceiveTypeAsync("bar", Wait));
        await b.DisposeAsync();
        await Eventually.UntilAsync(() => registry.Count == 0, "the second socket's session ended");
        Assert.Equal(1, calls.Count("NFLX", nameof(ISymbolGrain.Unwatch)));
        Assert.DoesNotContain("NFLX", subscriptions.Symbols);
        Assert.Equal(1, calls.Count("NFLX", nameof(ISymbolGrain.Watch)));
    }

    [Theory]
    [InlineData("/ws/candles/AAPL$", 1008, "invalid symbol")]
    [InlineData("/ws/candles/AAPL?timeframe=2Sec", 1008, "invalid timeframe")]
    [InlineData("/ws/candles/AAPL?limit=0", 1008, "invalid limit")]
    [InlineData("/ws/candles/AAPL?limit=10001", 1008, "invalid limit")]
    [InlineData("/ws/candles/ZZZZ", 4404, "unknown symbol 'ZZZZ'")]
    public async Task Bad_request_gets_an_error_message_and_a_meaningful_close(string path, int closeStatus, string message)
    {
        await using var client = await SocketClient.ConnectAsync(fixture.Factory.SocketUri(path));
        await ExpectErrorAndCloseAsync(client, closeStatus, message);
    }

    public static TheoryData<string, byte[], WebSocketMessageType, int, string> BadMessages => new()
    {
        { "not JSON", Encoding.UTF8.GetBytes("hello"), WebSocketMessageType.Text, 1007, "JSON" },
        { "JSON array", Encoding.UTF8.GetBytes("[1,2]"), WebSocketMessageType.Text, 1007, "JSON" },
        { "unknown action", Encoding.UTF8.GetBytes("""{"action":"subscribe"}"""), WebSocketMessageType.Text, 1008, "unknown action 'subscribe'" },
        { "no action", Encoding.UTF8.GetBytes("""{"ping":true}"""), WebSocketMessageType.Text, 1008, "\"action\"" },
        { "deep JSON", Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100)), WebSocketMessageType.Text, 1007, "JSON" },
        { "binary frame", [1, 2, 3], WebSocketMessageType.Binary, 1003, "binary" },
        { "too big", Encoding.UTF8.GetBytes("{\"action\":\"" + new string('x', 10_000) + "\"}"), WebSocketMessageType.Text, 1009, "at most 4096 bytes" },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task Bad_client_message_gets_an_error_message_and_a_meaningful_close(
        string what, byte[] payload, WebSocketMessageType type, int closeStatus, string message)
    {
        await using var client = await SocketClient.ConnectAsync(fixture.Factory.SocketUri("/ws/candles/SPY"));
        Assert.Equal("historical", (await client.ReceiveAsync(Wait))!.Value.GetProperty("type").GetString());
        await client.SendAsync(payload, type);
        await ExpectErrorAndCloseAsync(client, closeStatus, message, what);
    }

    private static async Task ExpectErrorAndCloseAsync(SocketClient client, int closeStatus, string message, string what = "")
    {
        var messages = await client.ReceiveUntilClosedAsync(Wait);
        var error = messages.Last(m => m.GetProperty("type").GetString() == "error");
        Assert.Contains(message, error.GetProperty("message").GetString());
        Assert.Equal(WebSocketState.CloseReceived, client.State);
        Assert.True(closeStatus == (int?)client.CloseStatus, $"{what}: close status {client.CloseStatus}");
        Assert.False(string.IsNullOrEmpty(client.CloseReason));
    }

    private static DateTimeOffset Time(JsonElement bar) => DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!);
}
