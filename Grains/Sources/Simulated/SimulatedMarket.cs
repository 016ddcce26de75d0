using System.Collections.Concurrent;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Simulated;

/// <summary>
/// The simulated market's bars. A minute has a bar when it falls in the day's session; in pre-market and
/// after-hours about a third of the minutes have no trades and so no bar, as on a thin real feed.
/// Longer bars are aggregated from the minutes, exactly as live bars are.
/// </summary>
public sealed class SimulatedMarket(IMarketCalendar calendar)
{
    private const double ExtendedHoursGapShare = 0.35;
    private const ulong GapSalt = 0xA24BAED4963EE407UL;
    private const ulong VolumeSalt = 0x9FB21C651E98DF25UL;
    private const ulong WickSalt = 0xC13FA9A902A6328FUL;
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Daily bars of completed days; they never change, and computing one takes ~1000 minutes.</summary>
    private readonly ConcurrentDictionary<(string Symbol, DateOnly Day), Bar?> _days = new();

    /// <summary>The bar of the minute starting at <paramref name="minuteStart"/>, or null when nothing traded.</summary>
    public Bar? MinuteBar(SymbolProfile profile, DateTimeOffset minuteStart) =>
        calendar.SessionOn(NewYorkTime.DateOf(minuteStart)) is { } session ? MinuteBar(profile, session, minuteStart) : null;

    /// <summary>
    /// The newest <paramref name="count"/> bars of a timeframe that started before <paramref name="asOf"/>, built from
    /// the minutes that ended by then (so the newest bar may be forming), oldest first.
    /// </summary>
    public IReadOnlyList<Bar> Bars(SymbolProfile profile, Timeframe timeframe, int count, DateTimeOffset asOf)
    {
        var days = new List<List<Bar>>();
        var total = 0;
        var today = NewYorkTime.DateOf(asOf);
        // Stops at the oldest day the simulator goes back to, so a huge count cannot loop for ever.
        for (var day = today; total < count && day.Year >= 2005; day = day.AddDays(-1))
        {
            if (calendar.SessionOn(day) is not { } session) continue;
            var bars = timeframe == Timeframe.Day1 && day < today
                ? _days.GetOrAdd((profile.Symbol, day), _ => DayBar(profile, session, asOf)) is { } bar ? [bar] : []
                : DayBars(profile, session, timeframe, asOf);
            days.Add(bars);
            total += bars.Count;
        }

        var result = new List<Bar>(Math.Min(count, total));
        for (var i = days.Count - 1; i >= 0; i--) result.AddRange(days[i]);
        return result.Count > count ? result.GetRange(result.Count - count, count) : result;
    }

    private Bar? DayBar(SymbolProfile profile, TradingSession session, DateTimeOffset asOf) =>
        DayBars(profile, session, Timeframe.Day1, asOf) is [var bar] ? bar : null;

    /// <summary>The bars of one session's day for a timeframe, from the minutes that ended by <paramref name="asOf"/>.</summary>
    private static List<Bar> DayBars(SymbolProfile profile, TradingSession session, Timeframe timeframe, DateTimeOffset asOf)
    {
        var bars = new List<Bar>();
        var end = session.SessionCloseTime < asOf ? session.SessionCloseTime : asOf;
        for (var t = session.SessionOpenTime; t + TimeSpan.FromMinutes(1) <= end; t += TimeSpan.FromMinutes(1))
        {
            if (MinuteBar(profile, session, t) is not { } minute) continue;
            var start = BarAggregator.BucketStart(t, timeframe);
            if (bars.Count > 0 && bars[^1].Time == start) bars[^1] = BarAggregator.Merge(bars[^1], minute);
            else bars.Add(minute with { Time = start });
        }
        return bars;
    }

    private static Bar? MinuteBar(SymbolProfile profile, TradingSession session, DateTimeOffset minuteStart)
    {
        if (minuteStart < session.SessionOpenTime || minuteStart >= session.SessionCloseTime) return null;
        var m = (minuteStart - Epoch).Ticks / TimeSpan.TicksPerMinute;
        var openTime = session.OpenTime;
        var regular = minuteStart >= openTime && minuteStart < NewYorkTime.At(session.Date, session.Close);
        if (!regular && PricePath.Unit(profile.Seed ^ GapSalt, m) < ExtendedHoursGapShare) return null;

        var open = PricePath.Price(profile, m);
        var close = PricePath.Price(profile, m + 1);
        var high = Math.Max(open, close) * (1 + 0.0004 * PricePath.Unit(profile.Seed ^ WickSalt, 2 * m));
        var low = Math.Min(open, close) * (1 - 0.0004 * PricePath.Unit(profile.Seed ^ WickSalt, 2 * m + 1));

        var perMinute = profile.DailyVolume / 390.0 * (0.4 + 1.2 * PricePath.Unit(profile.Seed ^ VolumeSalt, m));
        long volume;
        if (regular)
        {
            // Trading is heaviest at the open and the close.
            var x = (minuteStart - openTime).TotalMinutes / 390.0 - 0.5;
            volume = Math.Max(100, (long)(perMinute * (0.5 + 6 * x * x)));
        }
        else
        {
            volume = Math.Max(1, (long)(perMinute * 0.02));
        }
        return new Bar(minuteStart, Cents(open), Cents(high), Cents(low), Cents(close), volume);
    }

    private static double Cents(double price) => Math.Round(price, 2, MidpointRounding.ToEven);
}
