using OrleansMarketData.Calendar;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Tests.Alpaca;

public sealed class HistoryRangeTests
{
    private static readonly NyseCalendar Calendar = new();

    // Wednesday 2025-11-26, 11:00:30 in New York.
    private static readonly DateTimeOffset AsOf = new(2025, 11, 26, 16, 0, 30, TimeSpan.Zero);

    [Fact]
    public void Range_ends_at_the_start_of_the_current_minute()
    {
        Assert.Equal(new DateTimeOffset(2025, 11, 26, 16, 0, 0, TimeSpan.Zero), HistoryRange.For(Calendar, Timeframe.Minute1, 10, AsOf).End);
    }

    [Fact]
    public void Minutes_reach_back_over_whole_sessions_skipping_the_holiday_and_weekend()
    {
        // Today's session so far holds 04:00–11:00 = 420 minutes; 1000 more need the 960 of Tuesday and then Monday.
        var (start, _) = HistoryRange.For(Calendar, Timeframe.Minute1, 1_400, AsOf);
        Assert.Equal(NewYorkTime.At(new DateOnly(2025, 11, 24), new TimeOnly(4, 0)), start);

        // Thanksgiving (Thursday 27th) is closed and the 28th closes early: asking on Monday 1 December for two days
        // of daily bars reaches back to Friday the 28th and Wednesday the 26th.
        var monday = new DateTimeOffset(2025, 12, 1, 15, 0, 0, TimeSpan.Zero);
        Assert.Equal(NewYorkTime.StartOfDay(new DateOnly(2025, 11, 26)), HistoryRange.For(Calendar, Timeframe.Day1, 3, monday).Start);
    }

    [Fact]
    public void Same_request_in_the_same_minute_gives_the_same_range_so_requests_can_be_batched()
    {
        Assert.Equal(HistoryRange.For(Calendar, Timeframe.Hour1, 300, AsOf), HistoryRange.For(Calendar, Timeframe.Hour1, 300, AsOf.AddSeconds(20)));
    }
}
