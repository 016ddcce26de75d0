using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// A client WebSocket whose upgrade request carries any header, Content-Type included (ClientWebSocket drops
/// content headers, but Alpaca's protocol selects msgpack with one).
/// </summary>
public static class RawWebSocket
{
    /// <param name="receiveBufferBytes">A small kernel receive buffer makes a client that stops reading back up soon.</param>
    public static async Task<WebSocket> ConnectAsync(Uri uri, IReadOnlyDictionary<string, string> headers, int? receiveBufferBytes = null)
    {
        var tcp = new TcpClient();
        if (receiveBufferBytes is { } bytes) tcp.ReceiveBufferSize = bytes;
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        var request = new StringBuilder()
            .Append($"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
            .Append($"Sec-WebSocket-Key: {Convert.ToBase64String(Guid.NewGuid().ToByteArray())}\r\nSec-WebSocket-Version: 13\r\n");
        foreach (var (name, value) in headers) request.Append($"{name}: {value}\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));

        // Read the response head byte by byte, so nothing of the first frame is consumed.
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0 || head.Length > 8192) throw new IOException("no upgrade response");
            head.Append((char)one[0]);
        }
        if (!head.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            throw new IOException("upgrade refused: " + head.ToString().Split('\r')[0]);
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.FromSeconds(30) });
    }
}
