namespace OrleansMarketData.Hosting;

/// <summary>
/// Timing of the Orleans memory streams, bound from <c>MarketData:Streams</c>. The poll period bounds the delay of
/// every hop (Orleans' default of 100 ms is too slow for live bars); the other two are Orleans' own defaults.
/// </summary>
public sealed class StreamTimingOptions
{
    public const string Section = "MarketData:Streams";

    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromMilliseconds(10);
    public TimeSpan InactivityPeriod { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan CacheMaxAge { get; set; } = TimeSpan.FromMinutes(30);
}
