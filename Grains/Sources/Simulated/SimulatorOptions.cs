namespace OrleansMarketData.Sources.Simulated;

/// <summary>Settings of the simulated feed, bound from <c>MarketData:Simulator</c>.</summary>
public sealed class SimulatorOptions
{
    /// <summary>How many simulated seconds pass per wall-clock second; 1 is real time.</summary>
    public double Speed { get; set; } = 1;

    /// <summary>
    /// Where the simulated clock starts. Unset: now at speed 1; at a higher speed, the most recent regular-session
    /// open, so that live bars flow at once at any wall-clock hour.
    /// </summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>
    /// The wall-clock moment at which the simulated clock reads its start; unset: when the process started.
    /// Processes of one cluster set the same value so that their simulated clocks agree.
    /// </summary>
    public DateTimeOffset? WallClockAnchor { get; set; }

    public string? Validate() =>
        Speed is < 1 or > 100_000 || double.IsNaN(Speed)
            ? "MarketData:Simulator:Speed must be a number from 1 (real time) to 100000"
            : null;
}
