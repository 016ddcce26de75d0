namespace OrleansMarketData.Sources.Simulated;

/// <summary>Settings of the simulated feed, bound from <c>MarketData:Simulator</c>.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "MarketData:Simulator";

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

    /// <summary>
    /// How many synthetic tickers (<c>SYN00001</c>, <c>SYN00002</c>, ...) the simulator serves besides the named
    /// ones; 0 (the default) serves only the named tickers. For load tests across many symbols.
    /// </summary>
    public int SyntheticSymbols { get; set; }
}
