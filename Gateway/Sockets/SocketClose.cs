using System.Net.WebSockets;
using System.Text;

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

    /// <summary>No valid client key came with the upgrade request.</summary>
    public const WebSocketCloseStatus Unauthorized = (WebSocketCloseStatus)4001;

    /// <summary>The client, or the whole gateway, holds as many sockets as allowed: close one or retry later.</summary>
    public const WebSocketCloseStatus TooManySockets = (WebSocketCloseStatus)4429;

    /// <summary>Data is unavailable for now (upstream or cluster trouble): retry later.</summary>
    public const WebSocketCloseStatus Unavailable = (WebSocketCloseStatus)1013;

    /// <summary>A message cut to fit a close frame, whose reason may hold at most 123 bytes of UTF-8.</summary>
    public static string Reason(string message)
    {
        if (Encoding.UTF8.GetByteCount(message) <= 123) return message;
        var cut = message[..Math.Min(message.Length, 120)];
        while (Encoding.UTF8.GetByteCount(cut) > 120) cut = cut[..^1];
        return cut + "...";
    }
}
