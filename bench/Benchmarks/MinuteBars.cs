using OrleansMarketData.Calendar;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Bench;

/// <summary>Real simulator minutes of one ticker, oldest first: the same bars a symbol grain receives live.</summary>
public static class MinuteBars
{
    public static readonly NyseCalendar Calendar = new();

    /// <summary>The newest <paramref name="count"/> minutes of AAPL before a fixed instant, so every run sees the same bars.</summary>
    public static Bar[] Generate(int count) =>
        new SimulatedMarket(Calendar)
            .Bars(SymbolUniverse.Find("AAPL")!, Timeframe.Minute1, count, new DateTimeOffset(2025, 6, 10, 20, 0, 0, TimeSpan.Zero))
            .ToArray();
}
