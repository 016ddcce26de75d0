using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// The time range that holds the newest N bars of a timeframe before a moment, found by walking back over trading
/// sessions. Every symbol asking for N bars at the same minute gets the same range, so requests can be batched.
/// A thin feed has minutes without trades, so the range may hold fewer bars than N.
/// </summary>
public static class HistoryRange
{
    public static (DateTimeOffset Start, DateTimeOffset End) For(IMarketCalendar calendar, Timeframe timeframe, int count, DateTimeOffset asOf)
    {
        var end = BarAggregator.BucketStart(asOf, Timeframe.Minute1);
        var day = NewYorkTime.DateOf(end);
        var start = NewYorkTime.StartOfDay(day);
        var bars = 0;
        // 25 years of days bounds the walk whatever the count.
        for (var i = 0; bars < count && i < 25 * 366; i++, day = day.AddDays(-1))
        {
            if (calendar.SessionOn(day) is not { } session || session.SessionOpenTime >= end) continue;
            var sessionEnd = session.SessionCloseTime < end ? session.SessionCloseTime : end;
            bars += BarsIn(session.SessionOpenTime, sessionEnd, timeframe);
            start = timeframe == Timeframe.Day1 ? NewYorkTime.StartOfDay(day) : BarAggregator.BucketStart(session.SessionOpenTime, timeframe);
        }
        return (start, end);
    }

    private static int BarsIn(DateTimeOffset from, DateTimeOffset to, Timeframe timeframe)
    {
        if (timeframe == Timeframe.Day1) return 1;
        var first = BarAggregator.BucketStart(from, timeframe);
        return (int)Math.Ceiling((to - first) / timeframe.IntradayLength());
    }
}
