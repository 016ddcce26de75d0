using System.Collections.Concurrent;

namespace OrleansMarketData.Calendar;

/// <summary>
/// NYSE trading days from the exchange's published rules: weekends and the ten regular holidays (with
/// Saturday→Friday and Sunday→Monday observance, except New Year's Day on a Saturday), Martin Luther King Jr. Day
/// from 1998, Juneteenth from 2022, the special closings since 1970 (the range Alpaca's calendar covers), and the
/// 13:00 early closes (after-hours then end at 17:00).
/// </summary>
public sealed class NyseCalendar : IMarketCalendar
{
    private static readonly TimeOnly EarlyClose = new(13, 0);
    private static readonly TimeOnly EarlySessionClose = new(17, 0);

    /// <summary>
    /// Full-day closings outside the regular holidays since 1970: presidential Election Days (closed through 1980),
    /// national days of mourning, the 1977 New York blackout, storms, and the week of September 11, 2001.
    /// </summary>
    private static readonly HashSet<DateOnly> SpecialClosings =
    [
        new(1972, 11, 7), new(1972, 12, 28), new(1973, 1, 25), new(1976, 11, 2), new(1977, 7, 14),
        new(1980, 11, 4), new(1985, 9, 27), new(1994, 4, 27),
        new(2001, 9, 11), new(2001, 9, 12), new(2001, 9, 13), new(2001, 9, 14),
        new(2004, 6, 11), new(2007, 1, 2),
        new(2012, 10, 29), new(2012, 10, 30), new(2018, 12, 5), new(2025, 1, 9),
    ];

    /// <summary>The first year the exchange closed for Martin Luther King Jr. Day.</summary>
    private const int FirstMartinLutherKingDay = 1998;

    private readonly ConcurrentDictionary<int, YearRules> _years = new();
    private readonly ConcurrentDictionary<DateOnly, TradingSession?> _sessions = new();

    /// <summary>A lookup, once a date was computed: the static factory keeps it from allocating a delegate per call.</summary>
    public TradingSession? SessionOn(DateOnly date) => _sessions.GetOrAdd(date, static (d, calendar) => calendar.Compute(d), this);

    private TradingSession? Compute(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return null;
        var year = _years.GetOrAdd(date.Year, static y => new YearRules(y));
        if (year.Holidays.Contains(date) || SpecialClosings.Contains(date)) return null;
        return year.EarlyCloses.Contains(date)
            ? new TradingSession(date, TradingSession.DefaultSessionOpen, TradingSession.DefaultOpen, EarlyClose, EarlySessionClose)
            : new TradingSession(date, TradingSession.DefaultSessionOpen, TradingSession.DefaultOpen, TradingSession.DefaultClose, TradingSession.DefaultSessionClose);
    }

    public bool IsHoliday(DateOnly date) => SessionOn(date) is null && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private sealed class YearRules
    {
        public HashSet<DateOnly> Holidays { get; } = [];
        public HashSet<DateOnly> EarlyCloses { get; } = [];

        public YearRules(int year)
        {
            var newYear = new DateOnly(year, 1, 1);
            // A Saturday New Year's Day is not observed on the Friday before: that Friday ends the previous year.
            if (newYear.DayOfWeek != DayOfWeek.Saturday) Holidays.Add(Observed(newYear));
            if (year >= FirstMartinLutherKingDay) Holidays.Add(NthWeekday(year, 1, DayOfWeek.Monday, 3));
            Holidays.Add(NthWeekday(year, 2, DayOfWeek.Monday, 3));   // Washington's Birthday
            Holidays.Add(EasterSunday(year).AddDays(-2));             // Good Friday
            Holidays.Add(LastWeekday(year, 5, DayOfWeek.Monday));     // Memorial Day
            if (year >= 2022) Holidays.Add(Observed(new DateOnly(year, 6, 19)));
            Holidays.Add(Observed(new DateOnly(year, 7, 4)));
            Holidays.Add(NthWeekday(year, 9, DayOfWeek.Monday, 1));   // Labor Day
            var thanksgiving = NthWeekday(year, 11, DayOfWeek.Thursday, 4);
            Holidays.Add(thanksgiving);
            Holidays.Add(Observed(new DateOnly(year, 12, 25)));

            EarlyCloses.Add(thanksgiving.AddDays(1));
            AddEarlyCloseIfTrading(new DateOnly(year, 7, 3));
            AddEarlyCloseIfTrading(new DateOnly(year, 12, 24));
        }

        private void AddEarlyCloseIfTrading(DateOnly date)
        {
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(date))
                EarlyCloses.Add(date);
        }

        private static DateOnly Observed(DateOnly date) => date.DayOfWeek switch
        {
            DayOfWeek.Saturday => date.AddDays(-1),
            DayOfWeek.Sunday => date.AddDays(1),
            _ => date,
        };

        private static DateOnly NthWeekday(int year, int month, DayOfWeek day, int n)
        {
            var first = new DateOnly(year, month, 1);
            var offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
            return first.AddDays(offset + 7 * (n - 1));
        }

        private static DateOnly LastWeekday(int year, int month, DayOfWeek day)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
        }

        /// <summary>Gregorian Easter (the anonymous "Meeus/Jones/Butcher" computus).</summary>
        private static DateOnly EasterSunday(int year)
        {
            int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
            int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
            int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
            int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
            return new DateOnly(year, month, day);
        }
    }
}
