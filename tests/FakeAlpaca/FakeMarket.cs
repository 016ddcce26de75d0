using System.Collections.Concurrent;

namespace OrleansMarketData.FakeAlpaca;

/// <summary>
/// The fake's data: a deterministic 1-minute bar for every minute of every known symbol, published up to a cursor
/// that the test moves. REST serves bars up to the cursor; the stream sends what the test publishes.
/// </summary>
public sealed class FakeMarket
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _publishedUntil = new(StringComparer.Ordinal);

    /// <summary>Bars exist up to (excluding) this minute for symbols with no cursor of their own.</summary>
    public DateTimeOffset DefaultCursor { get; set; } = Minute(DateTimeOffset.UtcNow);

    /// <summary>When set, every symbol's first bar: none exist before this minute (a symbol listed recently).</summary>
    public DateTimeOffset? FirstMinute { get; set; }

    /// <summary>Symbols starting with "ZZ" do not exist upstream.</summary>
    public static bool Exists(string symbol) => !symbol.StartsWith("ZZ", StringComparison.Ordinal);

    public static DateTimeOffset Minute(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    public DateTimeOffset Cursor(string symbol) => _publishedUntil.GetValueOrDefault(symbol, DefaultCursor);

    /// <summary>Makes the bars before <paramref name="until"/> part of the history.</summary>
    public void PublishUntil(string symbol, DateTimeOffset until) => _publishedUntil[symbol] = until;

    /// <summary>The symbol's bar of the minute starting at <paramref name="minute"/>: a smooth walk with 2-decimal prices.</summary>
    public static FakeBar Bar(string symbol, DateTimeOffset minute)
    {
        var m = minute.ToUnixTimeSeconds() / 60;
        var seed = symbol.Aggregate(17L, (h, c) => h * 31 + c);
        double Price(long i) => 50 + (seed % 200) + 5 * Math.Sin(i / 37.0 + seed) + 2 * Math.Sin(i / 5.3);
        var open = Math.Round(Price(m), 2);
        var close = Math.Round(Price(m + 1), 2);
        var high = Math.Round(Math.Max(open, close) + 0.05 + (m % 7) * 0.01, 2);
        var low = Math.Round(Math.Min(open, close) - 0.05 - (m % 5) * 0.01, 2);
        return new FakeBar(symbol, minute, open, high, low, close, 1000 + m % 997);
    }

    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

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
        var bars = new List<FakeBar>();
        if (!Exists(symbol)) return bars;
        var last = Cursor(symbol);
        if (FirstMinute is { } firstMinute && start < firstMinute) start = firstMinute;
        if (minutes == 1440)
        {
            // Daily bars are stamped at New York midnight; their values need not match the minutes.
            for (var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, NewYork).DateTime); ; day = day.AddDays(1))
            {
                var local = day.ToDateTime(TimeOnly.MinValue);
                var stamp = new DateTimeOffset(local, NewYork.GetUtcOffset(local));
                if (stamp > end || stamp >= last) break;
                if (stamp >= start) bars.Add(Bar(symbol, stamp.ToUniversalTime()) with { Volume = 500_000 });
            }
            return bars;
        }
        var first = new DateTimeOffset(start.UtcTicks - start.UtcTicks % (minutes * TimeSpan.TicksPerMinute), TimeSpan.Zero);
        if (first < start) first = first.AddMinutes(minutes);
        for (var t = first; t <= end && t < last; t = t.AddMinutes(minutes))
        {
            var bar = Bar(symbol, t);
            for (var m = t.AddMinutes(1); m < t.AddMinutes(minutes) && m < last; m = m.AddMinutes(1))
            {
                var next = Bar(symbol, m);
                bar = bar with { High = Math.Max(bar.High, next.High), Low = Math.Min(bar.Low, next.Low), Close = next.Close, Volume = bar.Volume + next.Volume };
            }
            bars.Add(bar);
        }
        return bars;
    }
}

public sealed record FakeBar(string Symbol, DateTimeOffset Time, double Open, double High, double Low, double Close, long Volume);
