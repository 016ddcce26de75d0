using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Calendar;

/// <summary>
/// market_status of a bar from its start (docs/api.md): pre-market 04:00–09:30, regular 09:30–16:00, after-hours
/// 16:00–20:00 New York time, closed otherwise, on weekends and on holidays; early closes end regular hours at 13:00.
/// Bar starts are given in UTC; the New York time is in the comment.
/// </summary>
public sealed class MarketStatusBoundaryTests
{
    private readonly NyseCalendar _calendar = new();

    [Theory]
    // Tuesday 2025-06-10, summer time (UTC−4)
    [InlineData("2025-06-10T04:00Z", MarketStatus.Closed)]     // 00:00
    [InlineData("2025-06-10T07:59Z", MarketStatus.Closed)]     // 03:59
    [InlineData("2025-06-10T08:00Z", MarketStatus.PreMarket)]  // 04:00
    [InlineData("2025-06-10T13:29Z", MarketStatus.PreMarket)]  // 09:29
    [InlineData("2025-06-10T13:30Z", MarketStatus.Regular)]    // 09:30
    [InlineData("2025-06-10T19:59Z", MarketStatus.Regular)]    // 15:59
    [InlineData("2025-06-10T20:00Z", MarketStatus.AfterHours)] // 16:00
    [InlineData("2025-06-10T23:59Z", MarketStatus.AfterHours)] // 19:59
    [InlineData("2025-06-11T00:00Z", MarketStatus.Closed)]     // 20:00
    [InlineData("2025-06-11T03:59Z", MarketStatus.Closed)]     // 23:59
    // Tuesday 2025-01-14, winter time (UTC−5)
    [InlineData("2025-01-14T08:59Z", MarketStatus.Closed)]     // 03:59
    [InlineData("2025-01-14T09:00Z", MarketStatus.PreMarket)]  // 04:00
    [InlineData("2025-01-14T14:29Z", MarketStatus.PreMarket)]  // 09:29
    [InlineData("2025-01-14T14:30Z", MarketStatus.Regular)]    // 09:30
    [InlineData("2025-01-14T20:59Z", MarketStatus.Regular)]    // 15:59
    [InlineData("2025-01-14T21:00Z", MarketStatus.AfterHours)] // 16:00
    [InlineData("2025-01-15T00:59Z", MarketStatus.AfterHours)] // 19:59
    [InlineData("2025-01-15T01:00Z", MarketStatus.Closed)]     // 20:00
    public void Session_boundaries_of_a_full_day(string barStart, MarketStatus expected) =>
        Assert.Equal(expected, _calendar.Classify(Utc.At(barStart), Timeframe.Minute1));

    [Theory]
    // Friday 2025-11-28, the day after Thanksgiving (UTC−5)
    [InlineData("2025-11-28T14:29Z", MarketStatus.PreMarket)]  // 09:29
    [InlineData("2025-11-28T14:30Z", MarketStatus.Regular)]    // 09:30
    [InlineData("2025-11-28T17:59Z", MarketStatus.Regular)]    // 12:59
    [InlineData("2025-11-28T18:00Z", MarketStatus.AfterHours)] // 13:00
    [InlineData("2025-11-28T21:00Z", MarketStatus.AfterHours)] // 16:00
    [InlineData("2025-11-28T21:59Z", MarketStatus.AfterHours)] // 16:59
    [InlineData("2025-11-28T22:00Z", MarketStatus.Closed)]     // 17:00
    [InlineData("2025-11-29T00:30Z", MarketStatus.Closed)]     // 19:30
    // Wednesday 2025-12-24 (UTC−5)
    [InlineData("2025-12-24T17:59Z", MarketStatus.Regular)]    // 12:59
    [InlineData("2025-12-24T18:00Z", MarketStatus.AfterHours)] // 13:00
    [InlineData("2025-12-24T22:00Z", MarketStatus.Closed)]     // 17:00
    // Thursday 2025-07-03 (UTC−4)
    [InlineData("2025-07-03T08:00Z", MarketStatus.PreMarket)]  // 04:00
    [InlineData("2025-07-03T16:59Z", MarketStatus.Regular)]    // 12:59
    [InlineData("2025-07-03T17:00Z", MarketStatus.AfterHours)] // 13:00
    [InlineData("2025-07-03T20:59Z", MarketStatus.AfterHours)] // 16:59
    [InlineData("2025-07-03T21:00Z", MarketStatus.Closed)]     // 17:00
    public void Early_close_ends_regular_hours_at_13(string barStart, MarketStatus expected) =>
        Assert.Equal(expected, _calendar.Classify(Utc.At(barStart), Timeframe.Minute1));

    [Theory]
    [InlineData("2025-06-14T14:00Z")] // Saturday 10:00
    [InlineData("2025-06-15T18:00Z")] // Sunday 14:00
    [InlineData("2025-07-04T14:00Z")] // Independence Day 10:00
    [InlineData("2025-11-27T15:00Z")] // Thanksgiving 10:00
    [InlineData("2025-12-25T15:00Z")] // Christmas 10:00
    [InlineData("2025-01-01T15:00Z")] // New Year's Day 10:00
    [InlineData("2025-04-18T14:00Z")] // Good Friday 10:00
    [InlineData("2025-06-19T14:00Z")] // Juneteenth 10:00
    [InlineData("2025-01-20T15:00Z")] // Martin Luther King Jr. Day 10:00
    [InlineData("2025-01-09T15:00Z")] // special closing 10:00
    [InlineData("2021-12-24T15:00Z")] // Christmas observed on Friday 10:00
    [InlineData("2022-12-26T15:00Z")] // Christmas observed on Monday 10:00
    public void Weekends_and_holidays_are_closed_at_every_timeframe(string barStart)
    {
        foreach (var timeframe in Timeframes.All)
            Assert.Equal(MarketStatus.Closed, _calendar.Classify(Utc.At(barStart), timeframe));
    }

    [Theory]
    [InlineData("2021-12-31T15:00Z")] // Friday before a Saturday New Year's Day trades
    [InlineData("2025-01-08T15:00Z")]
    [InlineData("2025-01-10T15:00Z")]
    public void Days_next_to_closings_trade(string barStart) =>
        Assert.Equal(MarketStatus.Regular, _calendar.Classify(Utc.At(barStart), Timeframe.Minute5));

    [Theory]
    [InlineData("2025-06-10T04:00Z", MarketStatus.Regular)] // a Tuesday starts at New York midnight
    [InlineData("2025-01-14T05:00Z", MarketStatus.Regular)]
    [InlineData("2025-11-28T05:00Z", MarketStatus.Regular)] // early close
    [InlineData("2021-12-31T05:00Z", MarketStatus.Regular)]
    [InlineData("2025-07-04T04:00Z", MarketStatus.Closed)]  // holiday
    [InlineData("2025-12-25T05:00Z", MarketStatus.Closed)]
    [InlineData("2025-01-09T05:00Z", MarketStatus.Closed)]
    [InlineData("2025-06-14T04:00Z", MarketStatus.Closed)]  // Saturday
    public void Daily_bars_are_regular_on_trading_days_and_closed_otherwise(string barStart, MarketStatus expected) =>
        Assert.Equal(expected, _calendar.Classify(Utc.At(barStart), Timeframe.Day1));

    [Fact]
    public void Longer_intraday_bars_use_their_start()
    {
        // The 1-hour bar 09:00–10:00 New York starts in pre-market; the 15-minute bar at 09:30 is regular.
        Assert.Equal(MarketStatus.PreMarket, _calendar.Classify(Utc.At("2025-06-10T13:00Z"), Timeframe.Hour1));
        Assert.Equal(MarketStatus.Regular, _calendar.Classify(Utc.At("2025-06-10T13:30Z"), Timeframe.Minute15));
    }
}
