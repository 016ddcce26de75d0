using System.Net.WebSockets;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>What every client socket goes through around its session, whatever protocol it speaks.</summary>
public static class SocketLifetime
{
    /// <summary>
    /// Counts the connection while its session runs, then closes it normally (or aborts a broken one) and lets
    /// queued messages and the close frame go out before the connection is torn down.
    /// </summary>
    public static async Task RunAsync(
        WebSocket socket, ClientConnection connection, ConnectionRegistry registry, TimeSpan closeTimeout, Func<Task> session)
    {
        registry.Add(connection);
        try
        {
            await session();
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived) connection.Close(WebSocketCloseStatus.NormalClosure, "");
            else if (socket.State is not WebSocketState.CloseSent) connection.Abort();
            await connection.Completion.WaitAsync(closeTimeout + TimeSpan.FromSeconds(1)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            registry.Remove(connection);
        }
    }
}
