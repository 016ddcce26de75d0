namespace OrleansMarketData.Sources;

/// <summary>
/// The source's market clock as a <see cref="TimeProvider"/>: "now" is the market's, which the simulator may start
/// weeks in the past (<c>MarketData:Simulator:StartTime</c>), while timers keep the machine's pace. For what measures
/// the age of bars, whose times are market times.
/// </summary>
public sealed class SourceTimeProvider(IMarketDataSource source) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => source.Now;
}
