using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MessagePack;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>The fake upstream follows Alpaca's stream protocol (docs/alpaca-compatibility.md), so tests against it mean something.</summary>
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

    /// <summary>The NYSE's 2026 schedule: Thanksgiving on November 26, a 13:00 close on the 27th.</summary>
    [Theory]
    [InlineData("2026-11-26T12:00:00-05:00", "2026-11-27T09:30:00-05:00", "2026-11-27T13:00:00-05:00")]
    [InlineData("2026-11-27T14:30:00-05:00", "2026-11-30T09:30:00-05:00", "2026-11-30T16:00:00-05:00")]
    public async Task Clock_and_calendar_know_holidays_and_early_closes(string now, string nextOpen, string nextClose)
    {
        await using var upstream = await FakeAlpacaServer.StartAsync(new PinnedClock(DateTimeOffset.Parse(now)));
        using var http = new HttpClient { BaseAddress = upstream.BaseUrl };
        http.DefaultRequestHeaders.Add("APCA-API-KEY-ID", FakeAlpacaServer.KeyId);
        http.DefaultRequestHeaders.Add("APCA-API-SECRET-KEY", FakeAlpacaServer.Secret);

        var clock = JsonDocument.Parse(await http.GetStringAsync("/v2/clock")).RootElement;
        Assert.False(clock.GetProperty("is_open").GetBoolean());
        Assert.StartsWith(now[..16], clock.GetProperty("timestamp").GetString());
        Assert.Equal(nextOpen, clock.GetProperty("next_open").GetString());
        Assert.Equal(nextClose, clock.GetProperty("next_close").GetString());

        var days = JsonDocument.Parse(await http.GetStringAsync("/v2/calendar?start=2026-11-25&end=2026-11-30")).RootElement.EnumerateArray()
            .Select(d => string.Join(' ', new[] { "date", "open", "close", "session_open", "session_close" }.Select(f => d.GetProperty(f).GetString())));
        Assert.Equal(["2026-11-25 09:30 16:00 0400 2000", "2026-11-27 09:30 13:00 0400 1700", "2026-11-30 09:30 16:00 0400 2000"], days);
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
