namespace OrleansMarketData.Bench.Load;

/// <summary>
/// Maps the simulator's clock to the wall clock, as the gateway does with <c>MarketData:Simulator:StartTime</c>,
/// <c>WallClockAnchor</c> and <c>Speed</c>. The bar of minute M is emitted when the simulated clock passes M + 1 min,
/// which is the instant latency is measured from.
/// </summary>
public sealed class SimulatedTimeline(DateTimeOffset start, DateTimeOffset anchor, double speed)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public DateTimeOffset MarketTimeAt(DateTimeOffset wall) => start + (wall - anchor) * speed;

    public DateTimeOffset WallTimeOf(DateTimeOffset marketTime) => anchor + (marketTime - start) / speed;

    /// <summary>Wall-clock instant at which the source emitted the 1-minute bar that starts at <paramref name="barStart"/>.</summary>
    public DateTimeOffset EmitTimeOf(DateTimeOffset barStart) => WallTimeOf(barStart + Minute);

    /// <summary>Starts of the bars whose emit instant falls in [from, to): what a client connected throughout should receive.</summary>
    public IEnumerable<DateTimeOffset> BarsEmittedBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var first = Floor(MarketTimeAt(from) - Minute);
        for (var bar = first; EmitTimeOf(bar) < to; bar += Minute)
        {
            if (EmitTimeOf(bar) >= from) yield return bar;
        }
    }

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
