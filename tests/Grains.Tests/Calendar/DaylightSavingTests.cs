using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Calendar;

/// <summary>
/// New York switches to summer time on 2025-03-09 and back on 2025-11-02; 09:30 New York moves between 14:30Z and
/// 13:30Z, so a status computed with a fixed offset would be wrong on one side of each switch.
/// </summary>
public sealed class DaylightSavingTests
{
    private readonly NyseCalendar _calendar = new();

    [Theory]
    [InlineData("2025-03-07T14:29Z", MarketStatus.PreMarket)]  // Friday before the spring switch, UTC−5
    [InlineData("2025-03-07T14:30Z", MarketStatus.Regular)]
    [InlineData("2025-03-07T13:30Z", MarketStatus.PreMarket)]  // 08:30
    [InlineData("2025-03-07T21:00Z", MarketStatus.AfterHours)] // 16:00
    [InlineData("2025-03-10T13:29Z", MarketStatus.PreMarket)]  // Monday after, UTC−4
    [InlineData("2025-03-10T13:30Z", MarketStatus.Regular)]
    [InlineData("2025-03-10T20:00Z", MarketStatus.AfterHours)] // 16:00
    [InlineData("2025-03-11T00:00Z", MarketStatus.Closed)]     // 20:00
    [InlineData("2025-03-10T08:00Z", MarketStatus.PreMarket)]  // 04:00
    [InlineData("2025-03-10T07:59Z", MarketStatus.Closed)]     // 03:59
    [InlineData("2025-10-31T13:29Z", MarketStatus.PreMarket)]  // Friday before the autumn switch, UTC−4
    [InlineData("2025-10-31T13:30Z", MarketStatus.Regular)]
    [InlineData("2025-10-31T20:00Z", MarketStatus.AfterHours)]
    [InlineData("2025-11-03T13:30Z", MarketStatus.PreMarket)]  // Monday after, UTC−5: 08:30
    [InlineData("2025-11-03T14:29Z", MarketStatus.PreMarket)]
    [InlineData("2025-11-03T14:30Z", MarketStatus.Regular)]
    [InlineData("2025-11-03T20:59Z", MarketStatus.Regular)]    // 15:59
    [InlineData("2025-11-03T21:00Z", MarketStatus.AfterHours)] // 16:00
    [InlineData("2025-11-04T01:00Z", MarketStatus.Closed)]     // 20:00
    public void Status_follows_new_york_time_across_the_switches(string barStart, MarketStatus expected) =>
        Assert.Equal(expected, _calendar.Classify(Utc.At(barStart), Timeframe.Minute1));

    [Theory]
    [InlineData("2025-03-09T05:00Z", MarketStatus.Closed)]  // Sunday of the spring switch
    [InlineData("2025-03-10T04:00Z", MarketStatus.Regular)] // Monday starts at 00:00 UTC−4
    [InlineData("2025-11-03T05:00Z", MarketStatus.Regular)]
    public void Daily_bars_around_the_switches(string barStart, MarketStatus expected) =>
        Assert.Equal(expected, _calendar.Classify(Utc.At(barStart), Timeframe.Day1));

    [Theory]
    [InlineData("2024-01-15T14:30Z", "2024-01-15T09:30:00-05:00")]
    [InlineData("2025-03-07T14:30Z", "2025-03-07T09:30:00-05:00")]
    [InlineData("2025-03-10T13:30Z", "2025-03-10T09:30:00-04:00")]
    [InlineData("2025-07-01T00:30Z", "2025-06-30T20:30:00-04:00")]
    [InlineData("2025-10-31T13:30Z", "2025-10-31T09:30:00-04:00")]
    [InlineData("2025-11-03T14:30Z", "2025-11-03T09:30:00-05:00")]
    public void ToNewYork_gives_the_wall_clock_time_and_offset(string utc, string expected)
    {
        var local = NewYorkTime.ToNewYork(Utc.At(utc));
        Assert.Equal(expected, local.ToString("yyyy-MM-dd'T'HH:mm:sszzz"));
        Assert.Equal(Utc.At(utc), local);
    }

    [Fact]
    public void Offset_is_minus_five_in_winter_and_minus_four_in_summer()
    {
        Assert.Equal(TimeSpan.FromHours(-5), NewYorkTime.ToNewYork(Utc.At("2025-01-14T12:00Z")).Offset);
        Assert.Equal(TimeSpan.FromHours(-4), NewYorkTime.ToNewYork(Utc.At("2025-07-14T12:00Z")).Offset);
        Assert.Equal(TimeSpan.FromHours(-5), NewYorkTime.ToNewYork(Utc.At("2025-03-09T06:59Z")).Offset); // 01:59 EST
        Assert.Equal(TimeSpan.FromHours(-4), NewYorkTime.ToNewYork(Utc.At("2025-03-09T07:00Z")).Offset); // 03:00 EDT
    }

    [Fact]
    public void At_and_StartOfDay_convert_new_york_wall_time_to_utc()
    {
        Assert.Equal(Utc.At("2025-03-07T14:30Z"), NewYorkTime.At(new DateOnly(2025, 3, 7), new TimeOnly(9, 30)));
        Assert.Equal(Utc.At("2025-03-10T13:30Z"), NewYorkTime.At(new DateOnly(2025, 3, 10), new TimeOnly(9, 30)));
        Assert.Equal(Utc.At("2025-03-09T05:00Z"), NewYorkTime.StartOfDay(new DateOnly(2025, 3, 9)));
        Assert.Equal(Utc.At("2025-11-02T04:00Z"), NewYorkTime.StartOfDay(new DateOnly(2025, 11, 2)));
        Assert.Equal(new DateOnly(2025, 6, 10), NewYorkTime.DateOf(Utc.At("2025-06-11T03:59Z")));
        Assert.Equal(new DateOnly(2025, 6, 11), NewYorkTime.DateOf(Utc.At("2025-06-11T04:00Z")));
    }
}
