using System.Collections.Concurrent;

namespace OrleansMarketData.FakeAlpaca;

/// <summary>
/// The fake's data, shaped like Alpaca's: a deterministic 1-minute bar for the minutes of the calendar's sessions
/// (04:00-20:00 New York, 17:00 after an early close) in which the symbol traded, none on weekends and holidays;
/// one daily bar per trading day. History is published up to a cursor that the test moves; bars the test
/// publishes or corrects take the place of the computed ones.
/// </summary>
public sealed class FakeMarket
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _publishedUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Symbol, DateTimeOffset Minute), FakeBar> _set = new();
    private int _revision;

    public FakeMarket(TimeProvider time)
    {
        DefaultCursor = Minute(time.GetUtcNow());
        Tradeless = ThinExtendedHours;
    }

    public FakeCalendar Calendar { get; } = new();

    /// <summary>Bars exist up to (excluding) this minute for symbols with no cursor of their own.</summary>
    public DateTimeOffset DefaultCursor { get; set; }

    /// <summary>When set, every symbol's first bar: none exist before this minute (a symbol listed recently).</summary>
    public DateTimeOffset? FirstMinute { get; set; }

    /// <summary>
    /// Session minutes in which a symbol traded nothing, and so has no bar: by default one extended-hours minute in
    /// four, as on a thin feed before the open and after the close.
    /// </summary>
    public Func<string, DateTimeOffset, FakeSession, bool> Tradeless { get; set; }

    /// <summary>Symbols starting with "ZZ" do not exist upstream.</summary>
    public static bool Exists(string symbol) => !symbol.StartsWith("ZZ", StringComparison.Ordinal);

    public static DateTimeOffset Minute(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    public DateTimeOffset Cursor(string symbol) => _publishedUntil.GetValueOrDefault(symbol, DefaultCursor);

    /// <summary>Makes the bars before <paramref name="until"/> part of the history.</summary>
    public void PublishUntil(string symbol, DateTimeOffset until) => _publishedUntil[symbol] = until;

    /// <summary>Makes <paramref name="bar"/> its minute's bar (a trade in it, or a correction), whatever the calendar says.</summary>
    public void Set(FakeBar bar)
    {
        _set[(bar.Symbol, bar.Time)] = bar;
        Interlocked.Increment(ref _revision);
    }

    /// <summary>Grows with every bar set, so that an answer built before it is not served again.</summary>
    public int Revision => Volatile.Read(ref _revision);

    /// <summary>The symbol's bar of the minute starting at <paramref name="minute"/>, or null when it has none.</summary>
    public FakeBar? MinuteBar(string symbol, DateTimeOffset minute)
    {
        if (_set.TryGetValue((symbol, minute), out var set)) return set;
        return Calendar.SessionAt(minute) is { } session ? Traded(symbol, minute, session) : null;
    }

    /// <summary>The computed bar of a minute within <paramref name="session"/>, or null when the symbol did not trade then.</summary>
    private FakeBar? Traded(string symbol, DateTimeOffset minute, FakeSession session) =>
        Exists(symbol) && !(FirstMinute is { } first && minute < first) && !Tradeless(symbol, minute, session) ? Bar(symbol, minute) : null;

    /// <summary>The first minute after <paramref name="after"/> with a bar (within two weeks), published or not.</summary>
    public DateTimeOffset NextMinute(string symbol, DateTimeOffset after)
    {
        for (var minute = Minute(after).AddMinutes(1); minute < after.AddDays(14); minute = minute.AddMinutes(1))
        {
            if (MinuteBar(symbol, minute) is not null) return minute;
        }
        throw new InvalidOperationException($"{symbol} has no bar within two weeks after {after:O}");
    }

    /// <summary>The newest <paramref name="count"/> minutes with a bar before <paramref name="until"/>, oldest first.</summary>
    public List<DateTimeOffset> MinutesBefore(string symbol, DateTimeOffset until, int count)
    {
        var minutes = new List<DateTimeOffset>();
        for (var minute = Minute(until).AddMinutes(-1); minutes.Count < count && minute > until.AddDays(-60); minute = minute.AddMinutes(-1))
        {
            if (MinuteBar(symbol, minute) is not null) minutes.Add(minute);
        }
        minutes.Reverse();
        return minutes;
    }

    /// <summary>
    /// The symbol's bar of the minute starting at <paramref name="minute"/> if it traded then: a smooth walk with
    /// 2-decimal prices, a trade count that varies from minute to minute and a VWAP between the low and the high.
    /// </summary>
    public static FakeBar Bar(string symbol, DateTimeOffset minute)
    {
        var m = minute.ToUnixTimeSeconds() / 60;
        var seed = symbol.Aggregate(17L, (h, c) => h * 31 + c);
        double Price(long i) => 50 + (seed % 200) + 5 * Math.Sin(i / 37.0 + seed) + 2 * Math.Sin(i / 5.3);
        var open = Math.Round(Price(m), 2);
        var close = Math.Round(Price(m + 1), 2);
        var high = Math.Round(Math.Max(open, close) + 0.05 + (m % 7) * 0.01, 2);
        var low = Math.Round(Math.Min(open, close) - 0.05 - (m % 5) * 0.01, 2);
        var vwap = Math.Round((high + low + 2 * close) / 4, 4);
        return new FakeBar(symbol, minute.ToUniversalTime(), open, high, low, close, 1000 + m % 997, 20 + m % 31, vwap);
    }

    /// <summary>History bars of a symbol in [start, end], limited to what has been published; null for a bad timeframe.</summary>
    public List<FakeBar>? Bars(string symbol, string timeframe, DateTimeOffset start, DateTimeOffset end)
    {
        var minutes = timeframe switch
        {
            "1Min" or "1T" => 1,
            "5Min" or "5T" => 5,
            "15Min" or "15T" => 15,
            "1Hour" or "1H" => 60,
            "1Day" or "1D" => 1440,
            _ => 0,
        };
        if (minutes == 0) return null;
        var last = Cursor(symbol);
        if (minutes == 1440) return DailyBars(symbol, start, end, last);
        var bars = new List<FakeBar>();
        var bucketTicks = minutes * TimeSpan.TicksPerMinute;
        foreach (var bar in MinuteBars(symbol, new DateTimeOffset(start.UtcTicks - start.UtcTicks % bucketTicks, TimeSpan.Zero), end.AddTicks(bucketTicks), last))
        {
            var bucket = new DateTimeOffset(bar.Time.UtcTicks - bar.Time.UtcTicks % bucketTicks, TimeSpan.Zero);
            if (bucket < start || bucket > end) continue;
            if (bars.Count > 0 && bars[^1].Time == bucket)
            {
                var b = bars[^1];
                // As Alpaca's longer bars: the trades of every minute in them, so the counts add up and the VWAP
                // is the volume-weighted mean of the minutes'.
                bars[^1] = b with
                {
                    High = Math.Max(b.High, bar.High), Low = Math.Min(b.Low, bar.Low), Close = bar.Close, Volume = b.Volume + bar.Volume,
                    TradeCount = b.TradeCount + bar.TradeCount,
                    Vwap = (b.Vwap * b.Volume + bar.Vwap * bar.Volume) / (b.Volume + bar.Volume),
                };
            }
            else
            {
                bars.Add(bar with { Time = bucket });
            }
        }
        return bars;
    }

    /// <summary>The minute bars in [from, to) before <paramref name="cursor"/>, oldest first.</summary>
    private IEnumerable<FakeBar> MinuteBars(string symbol, DateTimeOffset from, DateTimeOffset to, DateTimeOffset cursor)
    {
        if (cursor < to) to = cursor;
        // Bars set by the test may lie outside any session.
        var set = _set.Values.Where(b => b.Symbol == symbol && b.Time >= from && b.Time < to).ToDictionary(b => b.Time);
        var result = new List<FakeBar>();
        for (var day = FakeCalendar.DateOf(from); day <= FakeCalendar.DateOf(to); day = day.AddDays(1))
        {
            if (Calendar.SessionOn(day) is not { } session) continue;
            var first = session.SessionOpen > from ? session.SessionOpen : Minute(from);
            var end = session.SessionClose < to ? session.SessionClose : to;
            for (var minute = first; minute < end; minute = minute.AddMinutes(1))
            {
                if (!set.ContainsKey(minute) && Traded(symbol, minute, session) is { } bar) result.Add(bar);
            }
        }
        result.AddRange(set.Values);
        return result.OrderBy(b => b.Time);
    }

    /// <summary>Daily bars are stamped at New York midnight, one per trading day that opened before the cursor; their values need not match the minutes.</summary>
    private List<FakeBar> DailyBars(string symbol, DateTimeOffset start, DateTimeOffset end, DateTimeOffset cursor)
    {
        var bars = new List<FakeBar>();
        if (!Exists(symbol)) return bars;
        if (FirstMinute is { } first && start < first) start = first;
        for (var day = FakeCalendar.DateOf(start); ; day = day.AddDays(1))
        {
            var stamp = FakeCalendar.At(day, 0, 0);
            if (stamp > end || stamp >= cursor) break;
            if (stamp >= start && Calendar.SessionOn(day) is { } session && session.SessionOpen < cursor)
                bars.Add(Bar(symbol, stamp) with { Volume = 500_000 });
        }
        return bars;
    }

    /// <summary>One extended-hours minute in four has no trade; every regular-hours minute has.</summary>
    private static bool ThinExtendedHours(string symbol, DateTimeOffset minute, FakeSession session) =>
        (minute < session.Open || minute >= session.Close) && Hash(symbol, minute) % 4 == 0;

    /// <summary>A fixed spread of a symbol's minutes, for picking some of them.</summary>
    public static int Hash(string symbol, DateTimeOffset minute)
    {
        var h = (uint)(minute.ToUnixTimeSeconds() / 60) * 2654435761u ^ (uint)symbol.Aggregate(7, (a, c) => a * 31 + c);
        return (int)(h % 1_000_003);
    }
}

/// <summary>A bar of the fake; <see cref="TradeCount"/> (<c>n</c>) and <see cref="Vwap"/> (<c>vw</c>) are left out of the wire when null.</summary>
public sealed record FakeBar(
    string Symbol, DateTimeOffset Time, double Open, double High, double Low, double Close, long Volume,
    long? TradeCount = null, double? Vwap = null);
