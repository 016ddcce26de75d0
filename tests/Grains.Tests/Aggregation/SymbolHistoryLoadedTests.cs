using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Aggregation;

/// <summary>
/// As SymbolGrain uses it: every timeframe is loaded from the source first, then live minutes are applied. Corrections
/// must still rebuild buckets exactly when the cached minutes hold the whole bucket.
/// </summary>
public sealed class SymbolHistoryLoadedTests
{
    private static readonly List<Bar> Day1 = MinuteData.Session(new DateOnly(2025, 6, 9), seed: 21);
    private static readonly List<Bar> Day2 = MinuteData.Session(new DateOnly(2025, 6, 10), seed: 22);
    private static readonly List<Bar> Minutes = [.. Day1, .. Day2];

    private static Bar Revised(Bar minute) => minute with { High = minute.Open, Low = minute.Open - 0.05, Close = minute.Open - 0.01, Volume = 3 };

    [Theory]
    [InlineData(true, true)]   // a new symbol: its first minute is after the daily bucket's start
    [InlineData(true, false)]  // the source's whole history, reaching into today
    [InlineData(false, false)] // a long history cut on the previous day: its minutes cover today's buckets
    public void Corrections_after_a_load_rebuild_the_buckets(bool fullHistory, bool newSymbol)
    {
        var skip = fullHistory ? 0 : 300;
        var loaded = newSymbol ? 40 : Day1.Count - skip + 150;
        var history = HistoryAssert.NewHistory();
        var source = Minutes.Skip(skip).Take(loaded).ToList();
        foreach (var timeframe in Timeframes.All)
        {
            // The source's bars of each timeframe are aggregated from all of its minutes, including the ones not loaded.
            var all = MinuteData.Aggregate(Minutes.Take(skip + loaded), timeframe);
            var count = timeframe == Timeframe.Minute1 ? loaded : all.Count;
            history[timeframe].Load(all.TakeLast(count).ToList(), holdsFullHistory: fullHistory);
        }
        // Of a partial history the warm-up bars only feed the indicators: they are not cached.
        var cached = fullHistory ? source : source.Skip(HistoryAssert.Settings.WarmupBars).ToList();
        Assert.Equal(cached, history[Timeframe.Minute1].ToCandles().Select(c => c.Bar));

        var final = Minutes.Take(skip + loaded + 20).ToList();
        foreach (var minute in final.Skip(skip + loaded)) history.Apply(minute);

        var newest = Revised(final[^1]);
        final[^1] = newest;
        var updates = history.Updates(newest);
        Assert.Equal(Timeframes.All, updates.Select(u => u.Timeframe));
        HistoryAssert.UpdatesAreNewestBuckets(updates, final);

        var late = Revised(final[^10]);
        final[^10] = late;
        history.Apply(late);

        foreach (var timeframe in Timeframes.All)
        {
            var expected = MinuteData.Aggregate(final, timeframe);
            Assert.Equal(expected.TakeLast(history[timeframe].Count), history[timeframe].ToCandles().Select(c => c.Bar));
        }
        if (fullHistory) HistoryAssert.HoldsExactly(history, final);
    }
}
