using System.Globalization;
using OrleansMarketData.Calendar;

namespace OrleansMarketData.Tests.Calendar;

/// <summary>Trading days and early closes against the NYSE's published holiday schedules.</summary>
public sealed class NyseHolidayTests
{
    private readonly NyseCalendar _calendar = new();

    [Theory]
    [InlineData("2025-01-01")] // New Year's Day
    [InlineData("2025-01-09")] // national day of mourning (President Carter), a special closing
    [InlineData("2025-01-20")] // Martin Luther King Jr. Day
    [InlineData("2025-04-18")] // Good Friday
    [InlineData("2025-06-19")] // Juneteenth
    [InlineData("2025-07-04")] // Independence Day
    [InlineData("2025-11-27")] // Thanksgiving
    [InlineData("2025-12-25")] // Christmas
    [InlineData("2021-12-24")] // Christmas on a Saturday, observed on Friday
    [InlineData("2022-12-26")] // Christmas on a Sunday, observed on Monday
    [InlineData("2022-06-20")] // Juneteenth on a Sunday, observed on Monday
    [InlineData("2026-07-03")] // Independence Day on a Saturday, observed on Friday
    public void Holiday_is_closed_all_day(string date)
    {
        var day = Day(date);
        Assert.Null(_calendar.SessionOn(day));
        Assert.True(_calendar.IsHoliday(day));
    }

    [Theory]
    [InlineData("2021-12-31")] // New Year's Day 2022 fell on a Saturday and is not observed on the Friday before
    [InlineData("2021-06-18")] // Juneteenth was first observed in 2022
    [InlineData("2025-01-08")]
    [InlineData("2025-01-10")]
    [InlineData("2025-04-17")]
    [InlineData("2025-12-26")]
    public void Weekday_that_trades_a_full_day(string date)
    {
        var session = _calendar.SessionOn(Day(date));
        Assert.NotNull(session);
        Assert.False(session.IsEarlyClose);
        Assert.Equal((new TimeOnly(4, 0), new TimeOnly(9, 30), new TimeOnly(16, 0), new TimeOnly(20, 0)),
            (session.SessionOpen, session.Open, session.Close, session.SessionClose));
    }

    [Theory]
    [InlineData("2025-06-14")]
    [InlineData("2025-06-15")]
    [InlineData("2025-11-29")]
    public void Weekends_are_closed_but_not_holidays(string date)
    {
        Assert.Null(_calendar.SessionOn(Day(date)));
        Assert.False(_calendar.IsHoliday(Day(date)));
    }

    [Theory]
    [InlineData(2021, "01-01 01-18 02-15 04-02 05-31 07-05 09-06 11-25 12-24")]
    [InlineData(2022, "01-17 02-21 04-15 05-30 06-20 07-04 09-05 11-24 12-26")]
    [InlineData(2023, "01-02 01-16 02-20 04-07 05-29 06-19 07-04 09-04 11-23 12-25")]
    [InlineData(2024, "01-01 01-15 02-19 03-29 05-27 06-19 07-04 09-02 11-28 12-25")]
    [InlineData(2025, "01-01 01-09 01-20 02-17 04-18 05-26 06-19 07-04 09-01 11-27 12-25")]
    [InlineData(2026, "01-01 01-19 02-16 04-03 05-25 06-19 07-03 09-07 11-26 12-25")]
    public void Weekday_closings_of_a_year_are_exactly_the_published_ones(int year, string monthDays)
    {
        var expected = monthDays.Split(' ').Select(md => Day($"{year}-{md}"));
        Assert.Equal(expected, Weekdays(year).Where(d => _calendar.SessionOn(d) is null));
    }

    [Theory]
    [InlineData(2021, "11-26")]
    [InlineData(2022, "11-25")]
    [InlineData(2023, "07-03 11-24")]
    [InlineData(2024, "07-03 11-29 12-24")]
    [InlineData(2025, "07-03 11-28 12-24")]
    [InlineData(2026, "11-27 12-24")]
    public void Early_closes_of_a_year_are_exactly_the_published_ones(int year, string monthDays)
    {
        var expected = monthDays.Split(' ').Select(md => Day($"{year}-{md}"));
        var early = Weekdays(year).Where(d => _calendar.SessionOn(d) is { IsEarlyClose: true }).ToList();
        Assert.Equal(expected, early);
        foreach (var day in early)
        {
            var session = _calendar.SessionOn(day)!;
            Assert.Equal((new TimeOnly(9, 30), new TimeOnly(13, 0), new TimeOnly(17, 0)), (session.Open, session.Close, session.SessionClose));
        }
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IEnumerable<DateOnly> Weekdays(int year)
    {
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) yield return d;
        }
    }
}
