namespace OrleansMarketData.Hosting;

/// <summary>
/// Timing of the Orleans memory streams, bound from <c>MarketData:Streams</c>. The poll period bounds the delay of
/// every hop (Orleans' default of 100 ms is too slow for live bars); the other two are Orleans' own defaults.
/// </summary>
public sealed class StreamTimingOptions
{
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromMilliseconds(10);
    public TimeSpan InactivityPeriod { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan CacheMaxAge { get; set; } = TimeSpan.FromMinutes(30);

    public string? Validate()
    {
        if (PollPeriod <= TimeSpan.Zero || PollPeriod > TimeSpan.FromSeconds(10))
            return "MarketData:Streams:PollPeriod must be between 00:00:00.001 and 00:00:10";
        if (InactivityPeriod < TimeSpan.FromSeconds(1)) return "MarketData:Streams:InactivityPeriod must be at least 00:00:01";
        if (CacheMaxAge < TimeSpan.FromSeconds(1)) return "MarketData:Streams:CacheMaxAge must be at least 00:00:01";
        return null;
    }
}
