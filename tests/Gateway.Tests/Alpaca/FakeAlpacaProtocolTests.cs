using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MessagePack;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>The fake upstream follows Alpaca's stream protocol (protocol notes §1 and §6), so tests against it mean something.</summary>
public sealed class FakeAlpacaProtocolTests : IAsyncLifetime
{
    private FakeAlpacaServer _upstream = null!;

    public async Task InitializeAsync() => _upstream = await FakeAlpacaServer.StartAsync(new PinnedClock(MarketTime.RegularHours));

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task Json_session_welcomes_authenticates_and_confirms_the_full_subscription_state()
    {
        using var socket = await ConnectAsync(msgpack: false);
        Assert.Equal("""[{"T":"success","msg":"connected"}]""", await ReceiveJsonAsync(socket));
        await SendJsonAsync(socket, """{"action":"subscribe","bars":["AAPL"]}""");
        Assert.Contains("\"code\":401", await ReceiveJsonAsync(socket));
        await SendJsonAsync(socket, $$"""{"action":"auth","key":"{{FakeAlpacaServer.KeyId}}","secret":"{{FakeAlpacaServer.Secret}}"}""");
        Assert.Equal("""[{"T":"success","msg":"authenticated"}]""", await ReceiveJsonAsync(socket));
        await SendJsonAsync(socket, """{"action":"subscribe","bars":[]}""");
        Assert.Contains("\"code\":400", await ReceiveJsonAsync(socket));
        await SendJsonAsync(socket, """{"action":"subscribe","bars":["AAPL"],"quotes":["AMD"]}""");
        var confirmation = JsonDocument.Parse(await ReceiveJsonAsync(socket)).RootElement[0];
        Assert.Equal(["T", "trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses", "lulds", "corrections", "cancelErrors"],
            confirmation.EnumerateObject().Select(p => p.Name));
        Assert.Equal("AAPL", confirmation.GetProperty("bars")[0].GetString());

        using var second = await ConnectAsync(msgpack: false);
        await ReceiveJsonAsync(second);
        await SendJsonAsync(second, $$"""{"action":"auth","key":"{{FakeAlpacaServer.KeyId}}","secret":"{{FakeAlpacaServer.Secret}}"}""");
        Assert.Contains("\"code\":406", await ReceiveJsonAsync(second));
    }

    [Fact]
    public async Task Msgpack_session_sends_binary_maps_with_T_first_and_timestamps_as_the_extension()
    {
        using var socket = await ConnectAsync(msgpack: true);
        var welcome = await ReceiveAsync(socket);
        Assert.Equal(WebSocketMessageType.Binary, welcome.Type);
        Assert.Equal("""[{"T":"success","msg":"connected"}]""", MessagePackSerializer.ConvertToJson(welcome.Bytes));
        await SendMsgPackAsync(socket, new Dictionary<string, object> { ["action"] = "auth", ["key"] = FakeAlpacaServer.KeyId, ["secret"] = FakeAlpacaServer.Secret });
        await ReceiveAsync(socket);
        await SendMsgPackAsync(socket, new Dictionary<string, object> { ["action"] = "subscribe", ["bars"] = new[] { "SPY" } });
        await ReceiveAsync(socket);

        var minute = FakeMarket.Minute(_upstream.Now).AddMinutes(-5);
        _upstream.Publish("SPY", minute);
        var reader = new MessagePackReader((await ReceiveAsync(socket)).Bytes);
        Assert.Equal(1, reader.ReadArrayHeader());
        reader.ReadMapHeader();
        Assert.Equal("T", reader.ReadString());
        Assert.Equal("b", reader.ReadString());
        DateTime? time = null;
        while (reader.Consumed < reader.Sequence.Length)
        {
            if (reader.ReadString() == "t") time = reader.ReadDateTime();
            else reader.Skip();
        }
        Assert.Equal(minute.UtcDateTime, time);
    }

    private Task<WebSocket> ConnectAsync(bool msgpack) => RawWebSocket.ConnectAsync(
        new Uri(_upstream.StreamUrl), new Dictionary<string, string> { ["Content-Type"] = msgpack ? "application/msgpack" : "application/json" });

    private static Task SendJsonAsync(WebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    private static Task SendMsgPackAsync(WebSocket socket, Dictionary<string, object> message) =>
        socket.SendAsync(MessagePackSerializer.Serialize(message), WebSocketMessageType.Binary, true, CancellationToken.None);

    private static async Task<string> ReceiveJsonAsync(WebSocket socket) => Encoding.UTF8.GetString((await ReceiveAsync(socket)).Bytes);

    private static async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveAsync(WebSocket socket)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cts.Token);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return (result.MessageType, message.ToArray());
        }
    }
}
