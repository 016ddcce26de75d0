using System.Net.WebSockets;
using System.Text;

namespace OrleansMarketData.Gateway.Tests.Hostile;

/// <summary>
/// Hostile messages on <c>/ws/candles/{symbol}</c>: each gets a close with the status that names the fault (and,
/// where the session can still speak, an error message first), never a hang or a crash; nothing said leaks
/// internals; and a bystander client keeps its bars throughout.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class CandleSocketFuzzTests(HostileGateway gateway)
{
    private const int Seed = 201;
    private const int MaxMessageBytes = 4096;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// One abuse: what is sent, and the close statuses that are a right answer to it. Text that is not UTF-8 is
    /// refused by the WebSocket layer itself, before the session sees it: it sends 1007 without words and aborts
    /// the connection, which at times loses the close frame; so for it a dropped connection is an answer too.
    /// </summary>
    public sealed record Abuse(string Name, Func<AbusiveClient, Random, Task> Send, WebSocketCloseStatus[] Expected, bool ErrorMessage)
    {
        public bool MayDrop => !ErrorMessage;

        public bool Answered(AbusiveClient client) =>
            client.CloseStatus is { } status ? Expected.Contains(status) : MayDrop && client.State == WebSocketState.Aborted;
    }

    public static TheoryData<string> Names => new(Abuses.Select(a => a.Name));

    private static readonly Abuse[] Abuses =
    [
        new("random bytes as text", (c, r) => c.SendAsync(RandomBytes(r, 1, 3000), WebSocketMessageType.Text),
            [WebSocketCloseStatus.InvalidPayloadData, WebSocketCloseStatus.PolicyViolation], false),
        new("invalid UTF-8 inside a JSON string", (c, _) => c.SendAsync([.. "{\"action\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8], WebSocketMessageType.Text),
            [WebSocketCloseStatus.InvalidPayloadData], false),
        new("random text that is not JSON", (c, r) => c.SendTextAsync(RandomText(r, 1, 3000)), [WebSocketCloseStatus.InvalidPayloadData], true),
        new("a message of 1 MB", (c, _) => c.SendTextAsync(new string('x', 1 << 20)), [WebSocketCloseStatus.MessageTooBig], true),
        new("a message over the limit in 10-byte fragments", (c, _) => c.SendAsync(Encoding.UTF8.GetBytes(new string(' ', MaxMessageBytes + 10)), WebSocketMessageType.Text, 10),
            [WebSocketCloseStatus.MessageTooBig], true),
        new("100k '['", (c, _) => c.SendTextAsync(new string('[', 100_000)), [WebSocketCloseStatus.MessageTooBig], true),
        new("4000 '[' within the limit", (c, _) => c.SendTextAsync(new string('[', 4_000)), [WebSocketCloseStatus.InvalidPayloadData], true),
        new("an object nested 100 deep", (c, _) => c.SendTextAsync("{\"a\":" + new string('[', 100) + new string(']', 100) + "}"),
            [WebSocketCloseStatus.InvalidPayloadData], true),
        new("an unknown action", (c, r) => c.SendTextAsync($$"""{"action":"{{RandomWord(r)}}"}"""), [WebSocketCloseStatus.PolicyViolation], true),
        new("an action that is not a string", (c, _) => c.SendTextAsync("""{"action":{"ping":true}}"""), [WebSocketCloseStatus.PolicyViolation], true),
        new("a ping with trailing garbage", (c, _) => c.SendTextAsync("""{"action":"ping"}}}"""), [WebSocketCloseStatus.InvalidPayloadData], true),
        new("a binary frame", (c, r) => c.SendAsync(RandomBytes(r, 1, 100), WebSocketMessageType.Binary), [WebSocketCloseStatus.InvalidMessageType], true),
        new("an empty binary frame", (c, _) => c.SendAsync([], WebSocketMessageType.Binary), [WebSocketCloseStatus.InvalidMessageType], true),
        new("an empty text frame", (c, _) => c.SendAsync([], WebSocketMessageType.Text), [WebSocketCloseStatus.InvalidPayloadData], true),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Hostile_message_is_answered_with_a_proper_close(string name)
    {
        var abuse = Abuses.Single(a => a.Name == name);
        var random = new Random(Seed + Array.IndexOf(Abuses, abuse));
        await using var client = await ConnectAsync();
        await abuse.Send(client, random);

        await client.WaitForCloseAsync(Wait);
        Assert.True(abuse.Answered(client), $"seed {Seed}, {name}: {client.State}, closed with {client.CloseStatus} {client.CloseReason}; said: {client.Transcript}");
        if (abuse.ErrorMessage)
        {
            Assert.False(string.IsNullOrWhiteSpace(client.CloseReason), $"seed {Seed}, {name}: close without a reason");
            Assert.Contains(client.Received, m => m.Contains("\"type\":\"error\"") && m.Contains("\"message\":"));
        }
        Assert.Null(Leaks.Find(client.Transcript));
    }

    [Fact]
    public async Task A_ping_in_one_byte_fragments_is_answered_and_the_socket_stays_open()
    {
        await using var client = await ConnectAsync();
        for (var i = 0; i < 50; i++)
        {
            await client.SendAsync("""{"action":"ping"}"""u8.ToArray(), WebSocketMessageType.Text, fragment: 1);
            Assert.NotNull(await client.ReceiveContainingAsync("pong", Wait));
        }
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task Thousands_of_connects_pings_and_abuses_leave_memory_and_connections_bounded_and_a_bystander_unaffected()
    {
        await using var bystander = await Bystander.StartAsync(gateway.Factory);
        var connectionsBefore = await Memory.ActiveConnectionsAsync(gateway.Http);
        var memoryBefore = Memory.Managed();
        var random = new Random(Seed);

        for (var round = 0; round < 4; round++)
        {
            // Connect and drop at once, without a close handshake and with one.
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                for (var i = 0; i < 40; i++)
                {
                    var client = await ConnectAsync(readHistory: i % 2 == 0);
                    await client.DisposeAsync();
                }
            }));
            await using (var pinger = await ConnectAsync())
            {
                // In batches below the send queue's capacity: a client that sends far more than it reads is closed as too slow.
                for (var batch = 0; batch < 5; batch++)
                {
                    for (var i = 0; i < 100; i++) await pinger.SendTextAsync("""{"action":"ping"}""");
                    for (var i = 0; i < 100; i++)
                        Assert.True(await pinger.ReceiveContainingAsync("pong", Wait) is not null, $"pong {i} of batch {batch}: {pinger.CloseStatus} {pinger.CloseReason}");
                }
            }
            foreach (var abuse in Abuses)
            {
                await using var client = await ConnectAsync();
                await abuse.Send(client, random);
                await client.WaitForCloseAsync(Wait);
                Assert.True(abuse.Answered(client), $"seed {Seed}, round {round}, {abuse.Name}: {client.State} {client.CloseStatus} ({client.LastError})");
            }
            await bystander.AssertUnaffectedAsync(gateway.Http, $"during round {round} of the abuse");
        }

        await bystander.AssertUnaffectedAsync(gateway.Http, "after the abuse");
        Memory.AssertBounded(memoryBefore, $"seed {Seed}");
        await Memory.AssertConnectionsReturnToAsync(gateway.Http, connectionsBefore);
    }

    private async Task<AbusiveClient> ConnectAsync(bool readHistory = true)
    {
        var client = await AbusiveClient.ConnectAsync(gateway.Factory.SocketUri("/ws/candles/AAPL?timeframe=1Min&limit=1"));
        if (readHistory) Assert.NotNull(await client.ReceiveContainingAsync("\"historical\"", Wait));
        return client;
    }

    private static byte[] RandomBytes(Random random, int min, int max)
    {
        var bytes = new byte[random.Next(min, max)];
        random.NextBytes(bytes);
        // A leading 0xFF is never valid UTF-8, so the frame is certainly not text.
        bytes[0] = 0xFF;
        return bytes;
    }

    private static string RandomText(Random random, int min, int max) =>
        "x" + new string(Enumerable.Range(0, random.Next(min, max)).Select(_ => (char)random.Next(0x20, 0x7F)).ToArray());

    private static string RandomWord(Random random) => new(Enumerable.Range(0, random.Next(1, 60)).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray());
}
