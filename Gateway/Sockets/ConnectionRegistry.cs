using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.Security;
using OrleansMarketData.Gateway.Telemetry;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// The sockets open on this gateway, by client: counted for health, held to the socket limits, closed together
/// on shutdown.
/// </summary>
public sealed class ConnectionRegistry(IOptions<ClientLimitsOptions> options, GatewayMetrics metrics)
{
    /// <summary>
    /// The client every Alpaca stream socket counts as until it authenticates, held to
    /// <see cref="ClientLimitsOptions.MaxPendingAuthSockets"/>: an address says little before then (behind a load
    /// balancer it is the balancer's), so idle unauthenticated sockets must not use up anyone's own limit.
    /// </summary>
    public const string PendingAuth = "pending-auth";

    private readonly ClientLimitsOptions _limits = options.Value;
    private readonly Lock _lock = new();
    private readonly Dictionary<ClientConnection, string> _clients = [];
    private readonly Dictionary<string, int> _socketsPerClient = new(StringComparer.Ordinal);
    private long _slowClientsClosed;

    public int Count
    {
        get { lock (_lock) return _clients.Count; }
    }

    /// <summary>Clients closed because they did not read fast enough, since start.</summary>
    public long SlowClientsClosed => Interlocked.Read(ref _slowClientsClosed);

    /// <summary>Counts a new socket against its client; the reason it may not stay open, or null when it may.</summary>
    public string? TryAdd(ClientConnection connection, string client)
    {
        lock (_lock)
        {
            if (_limits.MaxSockets > 0 && _clients.Count >= _limits.MaxSockets)
                return $"gateway full: it serves at most {_limits.MaxSockets} sockets; retry later or elsewhere";
            if (!HasRoomFor(client)) return TooManyFor(client);
            _clients.Add(connection, client);
            _socketsPerClient[client] = _socketsPerClient.GetValueOrDefault(client) + 1;
        }
        metrics.SocketOpened(connection);
        return null;
    }

    /// <summary>
    /// Counts a socket against another client from now on (an Alpaca stream client is known by its key only once
    /// it has authenticated); the reason it may not, or null.
    /// </summary>
    public string? TryMove(ClientConnection connection, string client)
    {
        lock (_lock)
        {
            if (!_clients.TryGetValue(connection, out var current) || current == client) return null;
            if (!HasRoomFor(client)) return TooManyFor(client);
            Release(current);
            _clients[connection] = client;
            _socketsPerClient[client] = _socketsPerClient.GetValueOrDefault(client) + 1;
            return null;
        }
    }

    public void Remove(ClientConnection connection)
    {
        lock (_lock)
        {
            if (!_clients.Remove(connection, out var client)) return;
            Release(client);
        }
        metrics.SocketClosed(connection);
        if (connection.WasTooSlow) Interlocked.Increment(ref _slowClientsClosed);
    }

    public void CloseAll(string reason)
    {
        ClientConnection[] open;
        lock (_lock) open = [.. _clients.Keys];
        foreach (var connection in open) connection.Close(WebSocketCloseStatus.EndpointUnavailable, reason);
    }

    private bool HasRoomFor(string client)
    {
        var limit = client == PendingAuth ? _limits.MaxPendingAuthSockets : _limits.MaxSocketsPerClient;
        return limit == 0 || _socketsPerClient.GetValueOrDefault(client) < limit;
    }

    private string TooManyFor(string client) => client == PendingAuth
        ? $"too many sockets waiting to authenticate: this gateway holds at most {_limits.MaxPendingAuthSockets}; retry later"
        : $"too many sockets: a client may hold at most {_limits.MaxSocketsPerClient} on this gateway";

    private void Release(string client)
    {
        if (--_socketsPerClient[client] == 0) _socketsPerClient.Remove(client);
    }
}
