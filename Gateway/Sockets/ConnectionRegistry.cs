using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>The sockets open on this gateway: counted for health, closed together on shutdown.</summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<ClientConnection, byte> _connections = new();
    private long _slowClientsClosed;

    public int Count => _connections.Count;

    /// <summary>Clients closed because they did not read fast enough, since start.</summary>
    public long SlowClientsClosed => Interlocked.Read(ref _slowClientsClosed);

    public void Add(ClientConnection connection) => _connections.TryAdd(connection, 0);

    public void Remove(ClientConnection connection)
    {
        if (_connections.TryRemove(connection, out _) && connection.WasTooSlow) Interlocked.Increment(ref _slowClientsClosed);
    }

    public void CloseAll(string reason)
    {
        foreach (var connection in _connections.Keys) connection.Close(WebSocketCloseStatus.EndpointUnavailable, reason);
    }
}
