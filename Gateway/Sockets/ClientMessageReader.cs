using System.Net.WebSockets;

namespace OrleansMarketData.Gateway.Sockets;

public static class ClientMessageReader
{
    /// <summary>Reads one whole client message, fragments included, into <paramref name="buffer"/>.</summary>
    public static async ValueTask<ReceivedMessage> ReceiveMessageAsync(this WebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            if (count == buffer.Length) return new ReceivedMessage(ReceivedKind.TooBig, count);
            result = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken);
            count += result.Count;
        } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

        var kind = result.MessageType switch
        {
            WebSocketMessageType.Close => ReceivedKind.Close,
            WebSocketMessageType.Binary => ReceivedKind.Binary,
            _ => ReceivedKind.Text,
        };
        return new ReceivedMessage(kind, count);
    }
}
