using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources;

/// <summary>
/// Counts the intervals of a timeframe that can hold a bar (those in trading sessions) between two times. A range
/// holds at most that many bars, so asking a source for the newest N bars before a range's end, with N its slot
/// count, returns every bar of the range: this turns "newest N before" into "all bars from a start".
/// </summary>
public static class BarSlots
{
    /// <summary>Slots whose start lies in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static int Count(IMarketCalendar calendar, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to)
    {
        var slots = 0L;
        for (var day = NewYorkTime.DateOf(from); NewYorkTime.StartOfDay(day) < to && slots < int.MaxValue; day = day.AddDays(1))
            slots += InDay(calendar, timeframe, day, from, to);
        return (int)Math.Min(slots, int.MaxValue);
    }

    /// <summary>
    /// The first New York midnight after <paramref name="from"/> by which at least <paramref name="wanted"/> slots
    /// have passed, but no later than <paramref name="limit"/>: a window that fills one page without reading far ahead.
    /// </summary>
    public static DateTimeOffset WindowEnd(IMarketCalendar calendar, Timeframe timeframe, DateTimeOffset from, DateTimeOffset limit, int wanted)
    {
        var slots = 0L;
        for (var day = NewYorkTime.DateOf(from); ; day = day.AddDays(1))
        {
            var next = NewYorkTime.StartOfDay(day.AddDays(1));
            if (next >= limit) return limit;
            slots += InDay(calendar, timeframe, day, from, next);
            if (slots >= wanted) return next;
        }
    }

    private static long InDay(IMarketCalendar calendar, Timeframe timeframe, DateOnly day, DateTimeOffset from, DateTimeOffset to)
    {
        if (calendar.SessionOn(day) is not { } session) return 0;
        if (timeframe == Timeframe.Day1)
        {
            var midnight = NewYorkTime.StartOfDay(day);
            return midnight >= from && midnight < to ? 1 : 0;
        }
        var length = timeframe.IntradayLength();
        var first = BarAggregator.BucketStart(session.SessionOpenTime, timeframe);
        if (first < from) first = BarAggregator.BucketStart(from, timeframe) == from ? from : BarAggregator.BucketStart(from, timeframe) + length;
        var end = session.SessionCloseTime < to ? session.SessionCloseTime : to;
        return end > first ? (long)Math.Ceiling((end - first) / length) : 0;
    }
}
