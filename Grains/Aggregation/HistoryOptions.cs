using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// How many bars of each timeframe a symbol serves (bound from <c>MarketData:History</c>). The indicator
/// warm-up is loaded on top of these.
/// </summary>
public sealed class HistoryOptions
{
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

    public string? Validate()
    {
        foreach (var tf in Timeframes.All)
        {
            if (ServedBars(tf) is < 1 or > 100_000)
                return $"MarketData:History:{tf} must be between 1 and 100000 bars";
        }
        return null;
    }
}
