using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace OrleansMarketData.Bench.Load;

/// <summary>
/// A client WebSocket opened with a hand-written upgrade request, so that it can carry <c>Content-Type</c>:
/// ClientWebSocket drops content headers, but the Alpaca stream selects msgpack with one (as
/// tests/Gateway.Tests/Infrastructure/RawWebSocket.cs does for the gateway's tests).
/// </summary>
public static class RawUpgrade
{
    public static async Task<WebSocket> ConnectAsync(Uri uri, string? contentType, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(uri.Host, uri.Port, cancellationToken);
            var stream = tcp.GetStream();
            var request = new StringBuilder()
                .Append($"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
                .Append($"Sec-WebSocket-Key: {Convert.ToBase64String(Guid.NewGuid().ToByteArray())}\r\nSec-WebSocket-Version: 13\r\n");
            if (contentType is not null) request.Append($"Content-Type: {contentType}\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), cancellationToken);

            // The response head byte by byte, so that nothing of the first frame is consumed.
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(one, cancellationToken) == 0 || head.Length > 8192) throw new IOException("no upgrade response");
                head.Append((char)one[0]);
            }
            if (!head.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
                throw new IOException("upgrade refused: " + head.ToString().Split('\r')[0]);
            return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }
}
