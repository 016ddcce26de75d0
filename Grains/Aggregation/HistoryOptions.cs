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

    public int ServedBars(Timeframe timeframe) => timeframe switch
    {
        Timeframe.Minute1 => Minute1,
        Timeframe.Minute5 => Minute5,
        Timeframe.Minute15 => Minute15,
        Timeframe.Hour1 => Hour1,
        _ => Day1,
    };
}
