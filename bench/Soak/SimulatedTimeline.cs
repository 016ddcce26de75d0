namespace OrleansMarketData.Bench.Soak;

/// <summary>
/// The simulator's clock as the silos run it (<c>StartTime</c>, <c>WallClockAnchor</c>, <c>Speed</c>): the bar of
/// minute M is emitted when the simulated clock passes M + 1 min.
/// </summary>
public sealed class SimulatedTimeline(DateTimeOffset start, DateTimeOffset anchor, double speed)
{
    public double Speed => speed;

    public DateTimeOffset MarketTimeAt(DateTimeOffset wall) => start + (wall - anchor) * speed;

    /// <summary>The start of the newest minute whose bar was due <paramref name="grace"/> of wall time before <paramref name="wall"/>.</summary>
    public DateTimeOffset NewestDueMinute(DateTimeOffset wall, TimeSpan grace) =>
        TradingMinutes.Floor(MarketTimeAt(wall - grace)) - TimeSpan.FromMinutes(1);
}
