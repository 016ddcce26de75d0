using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;
using OrleansMarketData.Tests.Indicators;

namespace OrleansMarketData.Tests.Aggregation;

internal static class HistoryAssert
{
    /// <summary>Short periods, so that indicators have values within a day of minutes.</summary>
    public static IndicatorOptions Settings => new() { AtrPeriod = 3, RsiPeriod = 2, MaShortPeriod = 2, MaMediumPeriod = 3, MaLongPeriod = 5 };

    public static SymbolHistory NewHistory() => new(new HistoryOptions(), Settings, new NyseCalendar());

    /// <summary>Applies a minute and returns the candles a symbol grain would publish for it.</summary>
    public static List<TimeframeCandle> Updates(this SymbolHistory history, Bar minute) => history.NewestCandles(history.Apply(minute));

    /// <summary>Every timeframe holds exactly the aggregation of <paramref name="minutes"/>, with batch indicators.</summary>
    public static void HoldsExactly(SymbolHistory history, IEnumerable<Bar> minutes)
    {
        var final = minutes.ToList();
        foreach (var timeframe in Timeframes.All)
        {
            var expected = MinuteData.Aggregate(final, timeframe);
            var candles = history[timeframe].ToCandles();
            Assert.Equal(expected, candles.Select(c => c.Bar));

            var values = IndicatorSet.Compute(expected, Settings);
            var name = timeframe.Name();
            SeriesAssert.Close(values.Select(v => v.Atr).ToList(), candles.Select(c => c.Atr).ToList(), 1e-9, $"{name} ATR");
            SeriesAssert.Close(values.Select(v => v.Rsi).ToList(), candles.Select(c => c.Rsi).ToList(), 1e-9, $"{name} RSI");
            SeriesAssert.Close(values.Select(v => v.MaShort).ToList(), candles.Select(c => c.MaShort).ToList(), 1e-9, $"{name} MA short");
            SeriesAssert.Close(values.Select(v => v.MaMedium).ToList(), candles.Select(c => c.MaMedium).ToList(), 1e-9, $"{name} MA medium");
            SeriesAssert.Close(values.Select(v => v.MaLong).ToList(), candles.Select(c => c.MaLong).ToList(), 1e-9, $"{name} MA long");
        }
    }

    /// <summary>The newest bucket of each timeframe in <paramref name="updates"/> is the aggregation of <paramref name="minutes"/>.</summary>
    public static void UpdatesAreNewestBuckets(IReadOnlyList<TimeframeCandle> updates, IEnumerable<Bar> minutes)
    {
        var all = minutes.ToList();
        foreach (var update in updates)
            Assert.Equal(MinuteData.Aggregate(all, update.Timeframe)[^1], update.Candle.Bar);
    }
}
