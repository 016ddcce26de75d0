using System.Collections.Concurrent;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Simulated;

/// <summary>
/// The simulated market's bars. A minute has a bar when it falls in the day's session; in pre-market and
/// after-hours about a third of the minutes have no trades and so no bar, as on a thin real feed.
/// Longer bars are aggregated from the minutes, exactly as live bars are. Every bar carries the trade count and VWAP
/// of its minutes' trades (<see cref="SimulatedTape"/>).
/// </summary>
public sealed class SimulatedMarket(IMarketCalendar calendar)
{
    private const double ExtendedHoursGapShare = 0.35;
    private const ulong GapSalt = 0xA24BAED4963EE407UL;
    private const ulong VolumeSalt = 0x9FB21C651E98DF25UL;
    private const ulong WickSalt = 0xC13FA9A902A6328FUL;
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Completed days cached, at most: about 235 symbols' daily warm-up, some 14 MB. Past it, days are computed
    /// each time: a cache of every symbol ever loaded would hold ~60 KB per symbol for good, grains gone or not.
    /// </summary>
    private const int MaxCachedDays = 100_000;

    /// <summary>Daily bars of completed days; they never change, and computing one takes ~1000 minutes.</summary>
    private readonly ConcurrentDictionary<(string Symbol, DateOnly Day), Bar?> _days = new();

    /// <summary>The bar of the minute starting at <paramref name="minuteStart"/>, or null when nothing traded.</summary>
    public Bar? MinuteBar(SymbolProfile profile, DateTimeOffset minuteStart)
    {
        if (calendar.SessionOn(NewYorkTime.DateOf(minuteStart)) is not { } session) return null;
        if (minuteStart < session.SessionOpenTime || minuteStart >= session.SessionCloseTime) return null;
        var m = MinuteIndex(minuteStart);
        var open = PricePath.Price(profile, m);
        return TryMinute(profile, new SessionMinutes(session), m, open, PricePath.Price(profile, m + 1), out var bar) ? bar.ToBar(minuteStart) : null;
    }

    /// <summary>The trades and quotes of the minute starting at <paramref name="minuteStart"/>, or null when nothing traded.</summary>
    public MinuteTape? Tape(SymbolProfile profile, DateTimeOffset minuteStart)
    {
        if (MinuteBar(profile, minuteStart) is not { } bar) return null;
        var session = calendar.SessionOn(NewYorkTime.DateOf(minuteStart))!;
        return SimulatedTape.Of(profile.Symbol, bar, regularHours: minuteStart >= session.OpenTime && minuteStart < session.CloseTime);
    }

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
                ? CompletedDay(profile, session) is { } daily ? [daily] : []
                : DayBars(profile, session, timeframe, asOf);
            days.Add(bars);
            total += bars.Count;
        }

        var result = new List<Bar>(Math.Min(count, total));
        for (var i = days.Count - 1; i >= 0; i--) result.AddRange(days[i]);
        return result.Count > count ? result.GetRange(result.Count - count, count) : result;
    }

    /// <summary>Every bar of a timeframe that starts in [<paramref name="from"/>, <paramref name="to"/>), as <see cref="Bars"/> builds them as of <paramref name="to"/>.</summary>
    public IReadOnlyList<Bar> BarsBetween(SymbolProfile profile, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to)
    {
        var slots = BarSlots.Count(calendar, timeframe, from, to);
        return slots == 0 ? [] : Bars(profile, timeframe, slots, to).Where(bar => bar.Time >= from).ToList();
    }

    /// <summary>The daily bar of a session that has closed, or null when nothing traded.</summary>
    private Bar? CompletedDay(SymbolProfile profile, TradingSession session)
    {
        var key = (profile.Symbol, session.Date);
        if (_days.TryGetValue(key, out var bar)) return bar;
        bar = DayBars(profile, session, Timeframe.Day1, session.SessionCloseTime) is [var day] ? day : null;
        if (_days.Count < MaxCachedDays) _days.TryAdd(key, bar);
        return bar;
    }

    /// <summary>The bars of one session's day for a timeframe, from the minutes that ended by <paramref name="asOf"/>.</summary>
    private static List<Bar> DayBars(SymbolProfile profile, TradingSession session, Timeframe timeframe, DateTimeOffset asOf)
    {
        var bars = new List<Bar>();
        var minutes = new SessionMinutes(session);
        // Minutes that end by then: the last starts a minute before.
        var end = Math.Min(minutes.Close, MinuteIndex(asOf));
        var path = new PricePath.Walker(profile);
        var price = path.Price(minutes.Open);
        var dayStart = NewYorkTime.StartOfDay(session.Date).UtcTicks;
        MinuteValues bucket = default;
        var bucketStart = long.MinValue;
        for (var m = minutes.Open; m < end; m++)
        {
            var next = path.Price(m + 1);
            var traded = TryMinute(profile, minutes, m, price, next, out var minute);
            price = next;
            if (!traded) continue;
            var start = timeframe == Timeframe.Day1 ? dayStart : BarAggregator.BucketBounds(TicksOf(m), timeframe).Start;
            if (start == bucketStart)
            {
                bucket = bucket.Merge(minute);
                continue;
            }
            if (bucketStart != long.MinValue) bars.Add(bucket.ToBar(bucketStart));
            bucketStart = start;
            bucket = minute;
        }
        if (bucketStart != long.MinValue) bars.Add(bucket.ToBar(bucketStart));
        return bars;
    }

    /// <summary>The values of minute <paramref name="m"/> of a session, given its opening and closing prices.</summary>
    private static bool TryMinute(SymbolProfile profile, in SessionMinutes session, long m, double open, double close, out MinuteValues bar)
    {
        var regular = m >= session.RegularOpen && m < session.RegularClose;
        if (!regular && PricePath.Unit(profile.Seed ^ GapSalt, m) < ExtendedHoursGapShare)
        {
            bar = default;
            return false;
        }

        var high = Math.Max(open, close) * (1 + 0.0004 * PricePath.Unit(profile.Seed ^ WickSalt, 2 * m));
        var low = Math.Min(open, close) * (1 - 0.0004 * PricePath.Unit(profile.Seed ^ WickSalt, 2 * m + 1));
        var perMinute = profile.DailyVolume / 390.0 * (0.4 + 1.2 * PricePath.Unit(profile.Seed ^ VolumeSalt, m));
        long volume;
        if (regular)
        {
            // Trading is heaviest at the open and the close.
            var x = (m - session.RegularOpen) / 390.0 - 0.5;
            volume = Math.Max(100, (long)(perMinute * (0.5 + 6 * x * x)));
        }
        else
        {
            volume = Math.Max(1, (long)(perMinute * 0.02));
        }
        (open, high, low, close) = (Cents(open), Cents(high), Cents(low), Cents(close));
        // A thin minute has at least a share for each price it touches, so that its trades can make it (SimulatedTape.cs).
        volume = Math.Max(volume, SimulatedTape.MinimumVolume(open, high, low, close));
        var (trades, vwap) = SimulatedTape.Summary(profile.Seed, m, open, high, low, close, volume);
        bar = new MinuteValues(open, high, low, close, volume, trades, vwap);
        return true;
    }

    internal static long MinuteIndex(DateTimeOffset time) => (time - Epoch).Ticks / TimeSpan.TicksPerMinute;

    private static long TicksOf(long minute) => Epoch.UtcTicks + minute * TimeSpan.TicksPerMinute;

    /// <summary>
    /// A session's bounds as minute indices: a day's history takes about a thousand minutes, and comparing numbers
    /// costs less than comparing <see cref="DateTimeOffset"/>s.
    /// </summary>
    private readonly struct SessionMinutes(TradingSession session)
    {
        public long Open { get; } = MinuteIndex(session.SessionOpenTime);
        public long RegularOpen { get; } = MinuteIndex(session.OpenTime);
        public long RegularClose { get; } = MinuteIndex(session.CloseTime);
        public long Close { get; } = MinuteIndex(session.SessionCloseTime);
    }

    private static double Cents(double price) => Math.Round(price, 2, MidpointRounding.ToEven);

    /// <summary>
    /// OHLCV, trade count and VWAP without a time, so that aggregating a day's minutes allocates only the buckets. They
    /// merge as the cluster aggregates live minutes (Grains/Aggregation/BarAggregator.cs), so both give the same bars.
    /// </summary>
    private readonly record struct MinuteValues(double Open, double High, double Low, double Close, long Volume, long TradeCount, double Vwap)
    {
        public MinuteValues Merge(MinuteValues next) =>
            new(Open, Math.Max(High, next.High), Math.Min(Low, next.Low), next.Close, Volume + next.Volume,
                BarAggregator.MergeTradeCount(TradeCount, next.TradeCount), BarAggregator.MergeVwap(Vwap, Volume, next.Vwap, next.Volume));

        public Bar ToBar(DateTimeOffset time) => new(time, Open, High, Low, Close, Volume, TradeCount, double.IsNaN(Vwap) ? null : Vwap);

        public Bar ToBar(long utcTicks) => ToBar(new DateTimeOffset(utcTicks, TimeSpan.Zero));
    }
}
