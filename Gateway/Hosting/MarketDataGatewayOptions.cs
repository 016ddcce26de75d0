using OrleansMarketData.Delivery;

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
    /// catches its sockets up from the grain's history). At most a minute: a registration lapses after two.
    /// </summary>
    public TimeSpan SymbolCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    public string? Validate()
    {
        if (CorsOrigins.Any(string.IsNullOrWhiteSpace)) return "Gateway:CorsOrigins must not contain empty entries";
        if (SendQueueCapacity is < 1 or > 100_000) return "Gateway:SendQueueCapacity must be between 1 and 100000";
        if (MaxClientMessageBytes is < 64 or > 1_048_576) return "Gateway:MaxClientMessageBytes must be between 64 and 1048576";
        if (SlowClientCloseTimeout <= TimeSpan.Zero) return "Gateway:SlowClientCloseTimeout must be positive";
        // Renewed at least twice within the grains' registration expiry, so one failed check-in does not let it lapse.
        var longestCheckInterval = CandleWatchers.Expiry / 2;
        if (SymbolCheckInterval < TimeSpan.FromSeconds(1) || SymbolCheckInterval > longestCheckInterval)
            return $"Gateway:SymbolCheckInterval must be between 00:00:01 and {longestCheckInterval:c}";
        return null;
    }
}
