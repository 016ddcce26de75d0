using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>A real WebSocket client that reads JSON messages with bounded waits.</summary>
public sealed class SocketClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;
    public string? CloseReason => _socket.CloseStatusDescription;
    public WebSocketState State => _socket.State;

    public static async Task<SocketClient> ConnectAsync(Uri uri, IReadOnlyDictionary<string, string>? headers = null)
    {
        var client = new SocketClient();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) client._socket.Options.SetRequestHeader(name, value);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client._socket.ConnectAsync(uri, cts.Token);
        return client;
    }

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] payload, WebSocketMessageType type)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _socket.SendAsync(payload, type, endOfMessage: true, cts.Token);
    }

    /// <summary>The next message as JSON, or null when the server closed the socket or nothing came in time.</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage) return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Receives until a message of <paramref name="type"/> arrives; null if none within the timeout.</summary>
    public async Task<JsonElement?> ReceiveTypeAsync(string type, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var message = await ReceiveAsync(deadline - DateTime.UtcNow);
            if (message is null) return null;
            if (message.Value.GetProperty("type").GetString() == type) return message;
        }
        return null;
    }

    /// <summary>Reads until the server closes the socket (within the timeout); returns the messages before it.</summary>
    public async Task<List<JsonElement>> ReceiveUntilClosedAsync(TimeSpan timeout)
    {
        var messages = new List<JsonElement>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && _socket.State == WebSocketState.Open)
        {
            if (await ReceiveAsync(deadline - DateTime.UtcNow) is { } message) messages.Add(message);
        }
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        _socket.Dispose();
    }
}
