namespace OrleansMarketData.Gateway.Hosting;

/// <summary>Settings of the HTTP and WebSocket front end, bound from <c>Gateway</c>.</summary>
public sealed class MarketDataGatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>
    /// Origins allowed by CORS; none, or "*", allows any. Restrict this in production. Empty by default because
    /// the configuration binder appends configured entries to a default array rather than replacing it.
    /// </summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>Messages a socket may have waiting to be sent; a client that falls further behind is closed.</summary>
    public int SendQueueCapacity { get; set; } = 256;

    /// <summary>Largest message a client may send, in bytes.</summary>
    public int MaxClientMessageBytes { get; set; } = 4096;

    /// <summary>How long a slow client's close may take before its connection is aborted.</summary>
    public TimeSpan SlowClientCloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a gateway checks in with the grain of each symbol it streams: renews its registration for the
    /// grain's batches, keeps the grain active while it has readers, and notices batches that never arrived (then
    /// catches its sockets up from the grain's history). At most half of <see cref="WatchRegistration.Expiry"/>, so
    /// that one failed check-in does not let the registration lapse.
    /// </summary>
    public TimeSpan SymbolCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long <c>/api/health</c> answers from the cluster state it last read: however often it is asked, the feed
    /// grain (one for the whole cluster) is asked at most once per period by each gateway.
    /// </summary>
    public TimeSpan HealthCacheDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many sockets and requests may wait at once for a symbol's history (a herd of reconnects queues while the
    /// silos load); one more is refused at once: close 1013 or 503, with <see cref="RetryAfter"/> as a hint.
    /// </summary>
    public int MaxWaitingForHistory { get; set; } = 10_000;

    /// <summary>
    /// How long a socket waits for a loading history before it is closed with 1013 and the retry hint. Keep it below
    /// <c>ClientLimits:KeepAliveInterval</c> + <c>ClientLimits:IdleTimeout</c> (90 s by default): the socket is not
    /// read while it waits, so the client's pongs go unseen and the keep-alive would abort it (1006) first.
    /// </summary>
    public TimeSpan HistoryWaitLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The retry hint of a refusal for load: Retry-After of a 503, <c>retryAfter</c> of a socket's error.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}
