using System.Net.WebSockets;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>Close statuses the gateway uses, so clients can tell what to do next.</summary>
public static class SocketClose
{
    /// <summary>Bad input (symbol, timeframe, limit, message): fix the request before retrying.</summary>
    public const WebSocketCloseStatus InvalidRequest = WebSocketCloseStatus.PolicyViolation;

    /// <summary>The symbol is well-formed but not known to the feed.</summary>
    public const WebSocketCloseStatus UnknownSymbol = (WebSocketCloseStatus)4404;

    /// <summary>The client did not read fast enough and its send queue overflowed.</summary>
    public const WebSocketCloseStatus SlowClient = WebSocketCloseStatus.PolicyViolation;

    /// <summary>Data is unavailable for now (upstream or cluster trouble): retry later.</summary>
    public const WebSocketCloseStatus Unavailable = (WebSocketCloseStatus)1013;
}
