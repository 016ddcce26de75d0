using System.Net.WebSockets;
using System.Text;

namespace OrleansMarketData.Gateway.Tests.Hostile;

/// <summary>
/// Hostile messages on the Alpaca-compatible stream (<c>/v2/iex</c>). As at Alpaca, a message the session cannot
/// read is answered with error 400 and the session goes on; one beyond the size limit ends it with 1009; nothing
/// said leaks internals, and a bystander candle client keeps its bars.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class AlpacaStreamFuzzTests(HostileGateway gateway)
{
    private const int Seed = 301;
    private const int MaxMessageBytes = 65_536;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly string[] ToggledSymbols = ["AAPL", "MSFT", "TSLA", "NVDA", "AMZN", "GOOGL"];

    [Fact]
    public async Task Unreadable_messages_get_error_400_and_the_session_still_subscribes()
    {
        var random = new Random(Seed);
        await using var client = await ConnectAsync(authenticate: true);
        var unreadable = new List<(string Name, byte[] Bytes, WebSocketMessageType Type)>
        {
            ("60k nested '['", Encoding.UTF8.GetBytes(new string('[', 60_000)), WebSocketMessageType.Text),
            ("an object nested 100 deep", Encoding.UTF8.GetBytes("{\"action\":\"subscribe\",\"bars\":" + new string('[', 100) + new string(']', 100) + "}"), WebSocketMessageType.Text),
            ("an unknown action", """{"action":"liquidate","bars":["AAPL"]}"""u8.ToArray(), WebSocketMessageType.Text),
            ("no action", """{"bars":["AAPL"]}"""u8.ToArray(), WebSocketMessageType.Text),
            ("a number for a list", """{"action":"subscribe","bars":5}"""u8.ToArray(), WebSocketMessageType.Text),
            ("a list of numbers", """{"action":"subscribe","bars":[1,2,3]}"""u8.ToArray(), WebSocketMessageType.Text),
            ("an empty text frame", [], WebSocketMessageType.Text),
            ("an empty binary frame", [], WebSocketMessageType.Binary),
        };
        for (var i = 0; i < 40; i++)
        {
            unreadable.Add(($"random text {i}", Encoding.UTF8.GetBytes("x" + RandomText(random, 0, 5000)), WebSocketMessageType.Text));
            unreadable.Add(($"random binary {i}", RandomBytes(random, 1, 5000), WebSocketMessageType.Binary));
        }

        foreach (var (name, bytes, type) in unreadable)
        {
            await client.SendAsync(bytes, type, fragment: bytes.Length > 1000 ? 997 : int.MaxValue);
            var answer = await client.ReceiveAsync(Wait);
            Assert.True(answer is not null && answer.Contains("\"error\"") && answer.Contains("\"code\":4"),
                $"seed {Seed}, {name}: answered {answer ?? "nothing"}; {client.CloseStatus} {client.CloseReason}");
        }
        // A subscribe in one-byte fragments still works on the same session.
        await client.SendAsync("""{"action":"subscribe","bars":["AAPL"]}"""u8.ToArray(), WebSocketMessageType.Text, fragment: 1);
        Assert.NotNull(await client.ReceiveContainingAsync("\"subscription\"", Wait));
        Assert.Equal(WebSocketState.Open, client.State);
        Assert.Null(Leaks.Find(client.Transcript));
    }

    [Theory]
    [InlineData("100k '['", 100_000, 0, true)]
    [InlineData("a message of 1 MB", 1 << 20, 0, false)]
    [InlineData("a message over the limit in 100-byte fragments", MaxMessageBytes + 100, 100, false)]
    [InlineData("a message over the limit before authenticating", MaxMessageBytes + 1, 0, false)]
    public async Task A_message_beyond_the_limit_ends_the_session_with_1009_and_an_error(string name, int size, int fragment, bool brackets)
    {
        await using var client = await ConnectAsync(authenticate: !name.Contains("before"));
        var payload = Encoding.UTF8.GetBytes(new string(brackets ? '[' : ' ', size));
        await client.SendAsync(payload, WebSocketMessageType.Text, fragment > 0 ? fragment : int.MaxValue);

        Assert.True(await client.WaitForCloseAsync(Wait), $"{name}: not closed ({client.State})");
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.CloseStatus);
        Assert.Contains(client.Received, m => m.Contains("\"error\"") && m.Contains("too large"));
        Assert.Null(Leaks.Find(client.Transcript));
    }

    [Fact]
    public async Task Garbage_before_authenticating_gets_errors_and_auth_still_works()
    {
        var random = new Random(Seed + 1);
        await using var client = await ConnectAsync(authenticate: false);
        for (var i = 0; i < 20; i++)
        {
            await client.SendAsync(RandomBytes(random, 1, 2000), WebSocketMessageType.Binary);
            Assert.Contains("\"code\":400", await client.ReceiveAsync(Wait) ?? "nothing");
        }
        await client.SendTextAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        Assert.Contains("\"code\":401", await client.ReceiveAsync(Wait) ?? "nothing");
        await client.SendTextAsync("""{"action":"auth","key":"k","secret":"s"}""");
        Assert.NotNull(await client.ReceiveContainingAsync("authenticated", Wait));
        Assert.Null(Leaks.Find(client.Transcript));
    }

    [Fact]
    public async Task Thousands_of_subscribe_toggles_and_abuses_leave_memory_and_connections_bounded_and_a_bystander_unaffected()
    {
        await using var bystander = await Bystander.StartAsync(gateway.Factory);
        var connectionsBefore = await Memory.ActiveConnectionsAsync(gateway.Http);
        var memoryBefore = Memory.Managed();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(async worker =>
        {
            var random = new Random(Seed + 2 + worker);
            await using var client = await ConnectAsync(authenticate: true);
            for (var i = 0; i < 1000; i++)
            {
                // Symbols the simulator serves: the toggles exercise the gateway's subscriptions, not grain activations.
                var symbols = string.Join(",", Enumerable.Range(0, 1 + i % 5).Select(_ => $"\"{random.GetItems(ToggledSymbols, 1)[0]}\""));
                await client.SendTextAsync($$"""{"action":"{{(i % 2 == 0 ? "subscribe" : "unsubscribe")}}","bars":[{{symbols}}],"updatedBars":["AAPL"]}""");
                // Read as it goes, like a client that keeps up: the send queue is bounded and a flood is a slow client.
                Assert.True(await client.ReceiveContainingAsync("\"subscription\"", Wait) is not null, $"seed {Seed + 2 + worker}, toggle {i}: {client.CloseStatus} {client.CloseReason} {Leaks.Cut(client.Transcript)}");
            }
            Assert.Null(Leaks.Find(client.Transcript));
        }));
        await bystander.AssertUnaffectedAsync(gateway.Http, "during the toggles");

        for (var i = 0; i < 20; i++)
        {
            await using var client = await ConnectAsync(authenticate: true);
            await client.SendAsync(Encoding.UTF8.GetBytes(new string('[', 100_000)), WebSocketMessageType.Text, fragment: 1000);
            await client.WaitForCloseAsync(Wait);
            Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.CloseStatus);
        }

        await bystander.AssertUnaffectedAsync(gateway.Http, "after the abuse");
        Memory.AssertBounded(memoryBefore, $"seeds {Seed + 2} to {Seed + 4}");
        await Memory.AssertConnectionsReturnToAsync(gateway.Http, connectionsBefore);
    }

    private async Task<AbusiveClient> ConnectAsync(bool authenticate)
    {
        var client = await AbusiveClient.ConnectAsync(gateway.Factory.SocketUri("/v2/iex"));
        Assert.NotNull(await client.ReceiveContainingAsync("connected", Wait));
        if (!authenticate) return client;
        await client.SendTextAsync("""{"action":"auth","key":"any-key","secret":"any-secret"}""");
        Assert.NotNull(await client.ReceiveContainingAsync("authenticated", Wait));
        return client;
    }

    private static byte[] RandomBytes(Random random, int min, int max)
    {
        var bytes = new byte[random.Next(min, max)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(Random random, int min, int max) =>
        new(Enumerable.Range(0, random.Next(min, max)).Select(_ => (char)random.Next(0x20, 0x7F)).ToArray());
}
