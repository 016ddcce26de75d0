using System.Globalization;
using OrleansMarketData.Calendar;

namespace OrleansMarketData.Tests.Calendar;

/// <summary>
/// The calendar answers for every year Alpaca's <c>/v2/calendar</c> covers (1970 to 2029, see
/// Gateway/AlpacaApi/Rest/Clock/ClockEndpoints.cs): Martin Luther King Jr. Day only once the exchange observed it,
/// and the special closings before 2012.
/// </summary>
public sealed class NyseHistoricalClosingsTests
{
    private readonly NyseCalendar _calendar = new();

    [Theory]
    [InlineData("1990-01-15")]
    [InlineData("1997-01-20")]
    public void Martin_Luther_King_Jr_Day_trades_before_1998(string date)
    {
        var session = _calendar.SessionOn(Day(date));
        Assert.NotNull(session);
        Assert.False(_calendar.IsHoliday(Day(date)));
    }

    [Theory]
    [InlineData("1998-01-19")]
    [InlineData("2011-01-17")]
    public void Martin_Luther_King_Jr_Day_is_closed_from_1998(string date) => Assert.Null(_calendar.SessionOn(Day(date)));

    [Theory]
    [InlineData("1972-11-07")] // presidential Election Day
    [InlineData("1972-12-28")] // President Truman's funeral
    [InlineData("1973-01-25")] // President Johnson's funeral
    [InlineData("1976-11-02")] // presidential Election Day
    [InlineData("1977-07-14")] // New York City blackout
    [InlineData("1980-11-04")] // presidential Election Day
    [InlineData("1985-09-27")] // Hurricane Gloria
    [InlineData("1994-04-27")] // President Nixon's funeral
    [InlineData("2001-09-11")]
    [InlineData("2001-09-14")]
    [InlineData("2004-06-11")] // President Reagan's funeral
    [InlineData("2007-01-02")] // President Ford's funeral
    public void Special_closing_before_2012_is_closed_all_day(string date)
    {
        Assert.Null(_calendar.SessionOn(Day(date)));
        Assert.True(_calendar.IsHoliday(Day(date)));
    }

    [Theory]
    [InlineData(1997, "01-01 02-17 03-28 05-26 07-04 09-01 11-27 12-25")]
    [InlineData(2001, "01-01 01-15 02-19 04-13 05-28 07-04 09-03 09-11 09-12 09-13 09-14 11-22 12-25")]
    [InlineData(2007, "01-01 01-02 01-15 02-19 04-06 05-28 07-04 09-03 11-22 12-25")]
    public void Weekday_closings_of_an_earlier_year_are_exactly_the_published_ones(int year, string monthDays)
    {
        var expected = monthDays.Split(' ').Select(md => Day($"{year}-{md}"));
        var closed = Enumerable.Range(0, 366).Select(i => new DateOnly(year, 1, 1).AddDays(i))
            .Where(d => d.Year == year && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .Where(d => _calendar.SessionOn(d) is null);
        Assert.Equal(expected, closed);
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
