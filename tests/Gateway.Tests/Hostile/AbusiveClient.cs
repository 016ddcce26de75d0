using System.Net.WebSockets;
using System.Text;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Hostile;

/// <summary>
/// A WebSocket client that sends whatever it is told: text frames that are not UTF-8, binary frames, messages in
/// fragments of any size. It reads with bounded waits and records every message and the server's close.
/// </summary>
public sealed class AbusiveClient : IAsyncDisposable
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(20);
    private readonly WebSocket _socket;

    private AbusiveClient(WebSocket socket) => _socket = socket;

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseReason => _socket.CloseStatusDescription;

    /// <summary>Why the last receive failed, if it did.</summary>
    public string? LastError { get; private set; }

    /// <summary>Every message received, as text (msgpack frames too, for the leak checks).</summary>
    public List<string> Received { get; } = [];

    public static async Task<AbusiveClient> ConnectAsync(Uri uri) =>
        new(await RawWebSocket.ConnectAsync(uri, new Dictionary<string, string>()));

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    /// <summary>Sends <paramref name="payload"/> as one message, in frames of <paramref name="fragment"/> bytes.</summary>
    public async Task SendAsync(byte[] payload, WebSocketMessageType type, int fragment = int.MaxValue)
    {
        using var cts = new CancellationTokenSource(SendTimeout);
        try
        {
            if (payload.Length == 0) await _socket.SendAsync(payload, type, endOfMessage: true, cts.Token);
            for (var offset = 0; offset < payload.Length; offset += fragment)
            {
                var count = Math.Min(fragment, payload.Length - offset);
                await _socket.SendAsync(payload.AsMemory(offset, count), type, offset + count == payload.Length, cts.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The server may close in the middle of an oversized message; what it said is read afterwards.
        }
    }

    /// <summary>The next message, or null when the socket closed or nothing came within the timeout.</summary>
    public async Task<string?> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var text = result.MessageType == WebSocketMessageType.Binary
                    ? MessagePack.MessagePackSerializer.ConvertToJson(message.ToArray())
                    : Encoding.UTF8.GetString(message.ToArray());
                Received.Add(text);
                return text;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            LastError = ex.Message;
            return null;
        }
    }

    /// <summary>Reads until a message containing <paramref name="fragment"/> arrives; null if none in time.</summary>
    public async Task<string?> ReceiveContainingAsync(string fragment, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await ReceiveAsync(deadline - DateTime.UtcNow) is not { } message) return null;
            if (message.Contains(fragment, StringComparison.Ordinal)) return message;
        }
        return null;
    }

    /// <summary>Reads until the server closes (or the timeout passes); true when it closed.</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && _socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            if (await ReceiveAsync(deadline - DateTime.UtcNow) is null) break;
        }
        return _socket.CloseStatus is not null;
    }

    /// <summary>Everything the server said, close reason included, for the leak check.</summary>
    public string Transcript => string.Join("\n", Received.Append($"close {(int?)CloseStatus} {CloseReason}"));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
        }
        _socket.Dispose();
    }
}
