using System.Globalization;

namespace OrleansMarketData.Bench.Baseline;

/// <summary>
/// The same simulated clock as the gateway's (<c>StartTime</c>, <c>WallClockAnchor</c>, <c>Speed</c>): the bar of
/// minute M is emitted when the clock passes M + 1 min, so the load generator measures both servers the same way.
/// </summary>
public sealed class BarClock(DateTimeOffset start, DateTimeOffset anchor, double speed)
{
    public static BarClock FromConfiguration(IConfiguration configuration) => new(
        DateTimeOffset.Parse(configuration["MarketData:Simulator:StartTime"] ?? throw Missing("StartTime"), CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(configuration["MarketData:Simulator:WallClockAnchor"] ?? throw Missing("WallClockAnchor"), CultureInfo.InvariantCulture),
        double.Parse(configuration["MarketData:Simulator:Speed"] ?? "1", CultureInfo.InvariantCulture));

    public DateTimeOffset Now => start + (DateTimeOffset.UtcNow - anchor) * speed;

    public TimeSpan WallTimeUntil(DateTimeOffset marketTime)
    {
        var wait = (marketTime - Now) / speed;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private static InvalidOperationException Missing(string name) => new($"MarketData:Simulator:{name} must be set");
}
