using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// How many bars of each timeframe a symbol serves (bound from <c>MarketData:History</c>). The indicator
/// warm-up is loaded on top of these.
/// </summary>
public sealed class HistoryOptions
{
    public const string Section = "MarketData:History";

    public int Minute1 { get; set; } = 10_000;
    public int Minute5 { get; set; } = 2_000;
    public int Minute15 { get; set; } = 1_000;
    public int Hour1 { get; set; } = 500;
    public int Day1 { get; set; } = 1_000;

    /// <summary>
    /// How many history loads a silo runs at once (docs/configuration.md); more wait their turn, in order. 0: one
    /// fewer than the processors (at least one) for the simulator, whose loads are CPU work, so that live bars always
    /// find a processor; 64 for Alpaca, whose loads wait on its request budget and are batched there.
    /// </summary>
    public int MaxConcurrentLoads { get; set; }

    public int ServedBars(Timeframe timeframe) => timeframe switch
    {
        Timeframe.Minute1 => Minute1,
        Timeframe.Minute5 => Minute5,
        Timeframe.Minute15 => Minute15,
        Timeframe.Hour1 => Hour1,
        _ => Day1,
    };
}
