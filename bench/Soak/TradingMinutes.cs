using System.Collections.Concurrent;
using OrleansMarketData.Calendar;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Bench.Soak;

/// <summary>
/// Which minutes have a 1-minute bar for a symbol, asked of the simulator's own calendar and minute generator: none
/// on weekends, holidays and at night, every minute of regular hours, about two thirds of the pre-market and
/// after-hours minutes. So "the next expected bar" is exact across closes, gaps and holidays.
/// </summary>
public sealed class TradingMinutes
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    /// <summary>Longer than any closed stretch of the NYSE calendar (a long weekend with a holiday).</summary>
    private static readonly int SearchLimitMinutes = (int)TimeSpan.FromDays(6).TotalMinutes;

    private readonly SimulatedMarket _market = new(new NyseCalendar());
    private readonly ConcurrentDictionary<(string Symbol, long Minute), bool> _traded = new();

    public static IReadOnlyList<string> Symbols(int count) => SymbolUniverse.All.Take(count).Select(p => p.Symbol).ToArray();

    public bool HasBar(string symbol, DateTimeOffset minuteStart) =>
        _traded.GetOrAdd((symbol, minuteStart.UtcTicks), key =>
            _market.MinuteBar(SymbolUniverse.Find(key.Symbol) ?? throw new ArgumentException($"not a simulator ticker: {key.Symbol}"),
                new DateTimeOffset(key.Minute, TimeSpan.Zero)) is not null);

    /// <summary>The first minute after <paramref name="minuteStart"/> that has a bar.</summary>
    public DateTimeOffset NextAfter(string symbol, DateTimeOffset minuteStart)
    {
        var t = minuteStart + Minute;
        for (var i = 0; i < SearchLimitMinutes && !HasBar(symbol, t); i++) t += Minute;
        return t;
    }

    /// <summary>How many minutes strictly between <paramref name="from"/> and <paramref name="to"/> have a bar.</summary>
    public int CountBetween(string symbol, DateTimeOffset from, DateTimeOffset to)
    {
        var n = 0;
        for (var t = from + Minute; t < to; t += Minute) n += HasBar(symbol, t) ? 1 : 0;
        return n;
    }

    /// <summary>The newest minute that has a bar and started at or before <paramref name="minuteStart"/>, or null.</summary>
    public DateTimeOffset? LatestAtOrBefore(string symbol, DateTimeOffset minuteStart)
    {
        var t = Floor(minuteStart);
        for (var i = 0; i < SearchLimitMinutes; i++, t -= Minute)
        {
            if (HasBar(symbol, t)) return t;
        }
        return null;
    }

    public static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
