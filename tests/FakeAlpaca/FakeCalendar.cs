using System.Collections.Concurrent;

namespace OrleansMarketData.FakeAlpaca;

/// <summary>
/// The fake's trading calendar, as Alpaca's covers it: weekdays, less the exchange holidays, with 13:00 early
/// closes (whose extended hours end at 17:00). Filled from the NYSE's published rules for 2015-2030, written out
/// here on their own; tests add closings or early closes the rules do not have, to see whose calendar the
/// service follows.
/// </summary>
public sealed class FakeCalendar
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private readonly HashSet<DateOnly> _holidays = [];
    private readonly HashSet<DateOnly> _earlyCloses = [];
    private readonly ConcurrentDictionary<DateOnly, FakeSession?> _sessions = new();

    public FakeCalendar()
    {
        for (var year = 2015; year <= 2030; year++) AddYear(year);
    }

    /// <summary>Closes the market all day on <paramref name="date"/>, as for an unscheduled closing.</summary>
    public void AddHoliday(DateOnly date)
    {
        lock (_holidays) _holidays.Add(date);
        _sessions.Clear();
    }

    /// <summary>Ends regular hours at 13:00 (and extended hours at 17:00) on <paramref name="date"/>.</summary>
    public void AddEarlyClose(DateOnly date)
    {
        lock (_holidays) _earlyCloses.Add(date);
        _sessions.Clear();
    }

    /// <summary>The session of a New York date, or null when the market does not open.</summary>
    public FakeSession? SessionOn(DateOnly date) => _sessions.GetOrAdd(date, Compute);

    private FakeSession? Compute(DateOnly date)
    {
        lock (_holidays)
        {
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || _holidays.Contains(date)) return null;
            var early = _earlyCloses.Contains(date);
            return new FakeSession(date, At(date, 4, 0), At(date, 9, 30), At(date, early ? 13 : 16, 0), At(date, early ? 17 : 20, 0));
        }
    }

    public static DateOnly DateOf(DateTimeOffset time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, NewYork).DateTime);

    /// <summary>New York wall-clock time on a date, as an instant with New York's offset of that moment.</summary>
    public static DateTimeOffset At(DateOnly date, int hour, int minute)
    {
        var local = date.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, NewYork.GetUtcOffset(local));
    }

    /// <summary>The session in which <paramref name="time"/> falls (extended hours included), if any.</summary>
    public FakeSession? SessionAt(DateTimeOffset time) =>
        SessionOn(DateOf(time)) is { } session && time >= session.SessionOpen && time < session.SessionClose ? session : null;

    /// <summary>The first session whose extended hours end after <paramref name="time"/> (within a year).</summary>
    public FakeSession NextSessionAfter(DateTimeOffset time)
    {
        for (var day = DateOf(time); day <= DateOf(time).AddYears(1); day = day.AddDays(1))
        {
            if (SessionOn(day) is { } session && session.SessionClose > time) return session;
        }
        throw new InvalidOperationException($"no session within a year of {time:O}");
    }

    /// <summary>The latest regular-hours open at or before <paramref name="time"/> (within a year).</summary>
    public DateTimeOffset LatestOpenBefore(DateTimeOffset time)
    {
        for (var day = DateOf(time); day >= DateOf(time).AddYears(-1); day = day.AddDays(-1))
        {
            if (SessionOn(day) is { } session && session.Open <= time) return session.Open;
        }
        throw new InvalidOperationException($"no session within a year before {time:O}");
    }

    private void AddYear(int year)
    {
        var newYear = new DateOnly(year, 1, 1);
        // New Year's Day on a Saturday is not made up on the Friday before, which closes the old year.
        if (newYear.DayOfWeek != DayOfWeek.Saturday) _holidays.Add(Observed(newYear));
        _holidays.Add(Nth(year, 1, DayOfWeek.Monday, 3));
        _holidays.Add(Nth(year, 2, DayOfWeek.Monday, 3));
        _holidays.Add(Easter(year).AddDays(-2));
        _holidays.Add(Nth(year, 6, DayOfWeek.Monday, 1).AddDays(-7));
        if (year >= 2022) _holidays.Add(Observed(new DateOnly(year, 6, 19)));
        _holidays.Add(Observed(new DateOnly(year, 7, 4)));
        _holidays.Add(Nth(year, 9, DayOfWeek.Monday, 1));
        var thanksgiving = Nth(year, 11, DayOfWeek.Thursday, 4);
        _holidays.Add(thanksgiving);
        _holidays.Add(Observed(new DateOnly(year, 12, 25)));
        // Unscheduled closings: national days of mourning.
        _holidays.UnionWith(new DateOnly[] { new(2018, 12, 5), new(2025, 1, 9) }.Where(d => d.Year == year));

        _earlyCloses.Add(thanksgiving.AddDays(1));
        foreach (var eve in new DateOnly[] { new(year, 7, 3), new(year, 12, 24) })
        {
            if (eve.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(eve)) _earlyCloses.Add(eve);
        }
    }

    private static DateOnly Observed(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(-1),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly Nth(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)day - (int)first.DayOfWeek + 7) % 7 + 7 * (n - 1));
    }

    /// <summary>Easter Sunday (Gregorian), by the anonymous algorithm of 1876.</summary>
    private static DateOnly Easter(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}

/// <summary>One trading day: extended hours from <see cref="SessionOpen"/> to <see cref="SessionClose"/>, regular hours from <see cref="Open"/> to <see cref="Close"/>.</summary>
public sealed record FakeSession(DateOnly Date, DateTimeOffset SessionOpen, DateTimeOffset Open, DateTimeOffset Close, DateTimeOffset SessionClose);
