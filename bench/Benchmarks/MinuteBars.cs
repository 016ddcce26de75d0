using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Bench;

/// <summary>Real simulator minutes of one ticker, oldest first: the same bars a symbol grain receives live.</summary>
public static class MinuteBars
{
    public static readonly NyseCalendar Calendar = new();

    /// <summary>The depth bench/run.sh serves: 1,000 1-minute bars, 200 5Min, 100 15Min, 50 1Hour, 10 1Day.</summary>
    public static HistoryOptions RunDepth => new() { Minute1 = 1000, Minute5 = 200, Minute15 = 100, Hour1 = 50, Day1 = 10 };

    /// <summary>The newest <paramref name="count"/> minutes of AAPL before a fixed instant, so every run sees the same bars.</summary>
    public static Bar[] Generate(int count) =>
        new SimulatedMarket(Calendar)
            .Bars(SymbolUniverse.Find("AAPL")!, Timeframe.Minute1, count, new DateTimeOffset(2025, 6, 10, 20, 0, 0, TimeSpan.Zero))
            .ToArray();

    /// <summary>AAPL's history before <paramref name="asOf"/> at <see cref="RunDepth"/>, loaded as a symbol grain loads it.</summary>
    public static SymbolHistory LoadHistory(DateTimeOffset asOf, IndicatorOptions settings) =>
        LoadHistory(new SimulatedMarket(Calendar), SymbolUniverse.Find("AAPL")!, RunDepth, settings, asOf);

    /// <summary>
    /// A symbol's history loaded as a symbol grain loads it: every timeframe's served bars plus the indicator warm-up,
    /// from the simulator, as of <paramref name="asOf"/>.
    /// </summary>
    public static SymbolHistory LoadHistory(
        SimulatedMarket market, SymbolProfile profile, HistoryOptions depth, IndicatorOptions settings, DateTimeOffset asOf)
    {
        var history = new SymbolHistory(depth, settings, Calendar);
        foreach (var tf in Timeframes.All)
        {
            var series = history[tf];
            var bars = market.Bars(profile, tf, series.Capacity, asOf);
            series.Load(bars, holdsFullHistory: bars.Count < series.Capacity);
        }
        return history;
    }
}
