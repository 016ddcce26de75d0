using OrleansMarketData.Calendar;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Tape;

/// <summary>
/// A symbol's simulated trades or quotes in an inclusive range, in time order or newest first, computed minute by
/// minute from the simulator's minute bars (<see cref="SimulatedMarket.Tape"/>) and only as far as the caller reads:
/// session by session, so that a range over weekends and nights costs nothing for them.
/// </summary>
public static class SimulatedTapeWalk
{
    public static IEnumerable<T> Items<T>(
        SimulatedMarket market, IMarketCalendar calendar, SymbolProfile profile, DateTimeOffset from, DateTimeOffset to, bool descending,
        Func<MinuteTape, IReadOnlyList<T>> pick, Func<T, DateTimeOffset> time)
    {
        if (from > to) yield break;
        var (firstDay, lastDay) = (NewYorkTime.DateOf(from), NewYorkTime.DateOf(to));
        var step = descending ? -1 : 1;
        for (var day = descending ? lastDay : firstDay; day >= firstDay && day <= lastDay; day = day.AddDays(step))
        {
            if (calendar.SessionOn(day) is not { } session) continue;
            var low = Max(session.SessionOpenTime, MinuteOf(from));
            var high = Min(session.SessionCloseTime.AddMinutes(-1), MinuteOf(to));
            if (low > high) continue;
            for (var minute = descending ? high : low; minute >= low && minute <= high; minute = minute.AddMinutes(step))
            {
                if (market.Tape(profile, minute) is not { } tape) continue;
                var items = pick(tape);
                for (var i = descending ? items.Count - 1 : 0; i >= 0 && i < items.Count; i += step)
                {
                    var at = time(items[i]);
                    if (at >= from && at <= to) yield return items[i];
                }
            }
        }
    }

    private static DateTimeOffset MinuteOf(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
