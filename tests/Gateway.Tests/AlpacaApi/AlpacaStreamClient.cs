using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MessagePack;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>
/// A client of the gateway's Alpaca-compatible stream, in JSON or msgpack (chosen by the upgrade's Content-Type), reading frames as JSON (msgpack frames
/// are converted) with bounded waits. <see cref="RawFrames"/> keeps each msgpack frame as received.
/// </summary>
public sealed class AlpacaStreamClient : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly Queue<JsonElement> _pending = new();

    private AlpacaStreamClient(WebSocket socket, bool msgpack)
    {
        _socket = socket;
        MsgPack = msgpack;
    }

    public bool MsgPack { get; }

    public List<byte[]> RawFrames { get; } = [];

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public WebSocketState State => _socket.State;

    public static async Task<AlpacaStreamClient> ConnectAsync(
        Uri uri, bool msgpack = false, IReadOnlyDictionary<string, string>? headers = null, int? receiveBufferBytes = null)
    {
        var all = new Dictionary<string, string>(headers ?? new Dictionary<string, string>());
        if (msgpack) all["Content-Type"] = "application/msgpack";
        return new AlpacaStreamClient(await RawWebSocket.ConnectAsync(uri, all, receiveBufferBytes), msgpack);
    }

    /// <summary>Sends a request given as JSON text, msgpack-encoded on a msgpack connection (as the SDKs do).</summary>
    public async Task SendAsync(string json)
    {
        var (bytes, type) = MsgPack
            ? (MessagePackSerializer.ConvertFromJson(json), WebSocketMessageType.Binary)
            : (Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _socket.SendAsync(bytes, type, endOfMessage: true, cts.Token);
    }

    /// <summary>Sends raw bytes in fragments of <paramref name="fragment"/> bytes.</summary>
    public async Task SendFragmentedAsync(byte[] bytes, WebSocketMessageType type, int fragment)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (var offset = 0; offset < bytes.Length; offset += fragment)
        {
            var count = Math.Min(fragment, bytes.Length - offset);
            await _socket.SendAsync(bytes.AsMemory(offset, count), type, endOfMessage: offset + count == bytes.Length, cts.Token);
        }
    }

    /// <summary>The next message (one item of a frame's array), or null when the socket closed or nothing came in time.</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan timeout)
    {
        if (_pending.Count > 0) return _pending.Dequeue();
        using var cts = new CancellationTokenSource(timeout);
        using var frame = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                frame.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                Assert.Equal(MsgPack ? WebSocketMessageType.Binary : WebSocketMessageType.Text, result.MessageType);
                var bytes = frame.ToArray();
                if (MsgPack) RawFrames.Add(bytes);
                var json = MsgPack ? MessagePackSerializer.ConvertToJson(bytes) : Encoding.UTF8.GetString(bytes);
                using var document = JsonDocument.Parse(json);
                Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
                foreach (var item in document.RootElement.EnumerateArray()) _pending.Enqueue(item.Clone());
                return _pending.Dequeue();
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (WebSocketException)
        {
            return null;
        }
    }

    /// <summary>Receives until a message whose "T" is <paramref name="type"/>; null if none within the timeout.</summary>
    public async Task<JsonElement?> ReceiveTypeAsync(string type, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await ReceiveAsync(deadline - DateTime.UtcNow) is not { } message) return null;
            if (message.GetProperty("T").GetString() == type) return message;
        }
        return null;
    }

    /// <summary>Connects and authenticates: the welcome, then "authenticated".</summary>
    public static async Task<AlpacaStreamClient> AuthenticatedAsync(Uri uri, string key, string secret, bool msgpack = false)
    {
        var client = await ConnectAsync(uri, msgpack);
        var welcome = await client.ReceiveAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("connected", welcome?.GetProperty("msg").GetString());
        await client.SendAsync($$"""{"action":"auth","key":"{{key}}","secret":"{{secret}}"}""");
        var reply = await client.ReceiveAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("authenticated", reply?.GetProperty("msg").GetString());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }
        _socket.Dispose();
    }
}
