using System.Net.WebSockets;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>What every client socket goes through around its session, whatever protocol it speaks.</summary>
public static class SocketLifetime
{
    /// <summary>
    /// Counts the connection against <paramref name="client"/> while its session runs (or, over a socket limit, has
    /// <paramref name="refuse"/> tell the client why and close instead), then closes it normally (or aborts a broken one) and lets
    /// queued messages and the close frame go out before the connection is torn down. The session's token is
    /// cancelled when the request is aborted, and <paramref name="closeTimeout"/> after the server's close went out
    /// (or the connection broke): a client that never answers the close handshake does not hold its session open.
    /// </summary>
    public static async Task RunAsync(
        WebSocket socket, ClientConnection connection, ConnectionRegistry registry, string client, TimeSpan closeTimeout,
        CancellationToken requestAborted, Func<CancellationToken, Task> session, Action<string> refuse)
    {
        if (registry.TryAdd(connection, client) is { } refusal)
        {
            refuse(refusal);
            await connection.Completion.WaitAsync(closeTimeout + TimeSpan.FromSeconds(1)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        _ = connection.Completion.ContinueWith(_ =>
        {
            try
            {
                ended.CancelAfter(closeTimeout);
            }
            catch (ObjectDisposedException)
            {
                // The session had already ended.
            }
        }, TaskScheduler.Default);
        try
        {
            await session(ended.Token);
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
