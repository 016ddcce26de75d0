namespace OrleansMarketData.Gateway.Security;

/// <summary>
/// What one client, and all clients together, may take of a gateway, bound from <c>ClientLimits</c>. A client is
/// its key id when authentication is on, else its remote address. Message sizes, the Alpaca stream's symbol limit
/// and auth timeout and the slow-consumer queue are in <c>Gateway</c> and <c>AlpacaApi</c>.
/// </summary>
public sealed class ClientLimitsOptions
{
    public const string Section = "ClientLimits";

    /// <summary>REST requests a client may make per second, on average; 0 turns the rate limit off.</summary>
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>REST requests a client may make at once before the average applies.</summary>
    public int RequestBurst { get; set; } = 100;

    /// <summary>Sockets (candle and Alpaca stream) one client may hold open on this gateway; 0 means no limit.</summary>
    public int MaxSocketsPerClient { get; set; } = 100;

    /// <summary>
    /// Alpaca stream sockets not yet authenticated this gateway holds at most, all clients together; 0 means no
    /// limit. Separate from <see cref="MaxSocketsPerClient"/>: before it authenticates a client is known only by its
    /// address, which behind a load balancer is the balancer's for everyone.
    /// </summary>
    public int MaxPendingAuthSockets { get; set; } = 1_000;

    /// <summary>
    /// Addresses or networks (<c>10.0.0.5</c>, <c>10.0.0.0/8</c>) of the load balancers in front of the gateway, whose
    /// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed; nobody else's are. Empty: no proxy is trusted
    /// and a client's address is the connection's.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Sockets this gateway holds open at most; 0 means no limit.</summary>
    public int MaxSockets { get; set; } = 10_000;

    /// <summary>How often the gateway pings every socket.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A socket whose client answers no ping for this long is dropped: its peer is gone or stuck.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
