using OrleansMarketData.Aggregation;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Aggregation;

/// <summary>
/// Revised, late and repeated minutes: the live updates carry corrected candles at the live edge only, and the cached
/// series always end up equal to the aggregation of the final set of minutes.
/// </summary>
public sealed class SymbolHistoryCorrectionTests
{
    private static readonly List<Bar> Day1 = MinuteData.Session(new DateOnly(2025, 1, 13), seed: 11);
    private static readonly List<Bar> Day2 = MinuteData.Session(new DateOnly(2025, 1, 14), seed: 12);
    private static readonly List<Bar> Minutes = [.. Day1, .. Day2];

    /// <summary>A different bar for the same minute: lower high, other close, much smaller volume.</summary>
    private static Bar Revised(Bar minute, int variant = 0) => minute with
    {
        High = minute.Open,
        Low = Math.Round(minute.Open - 0.03 - variant * 0.01, 2),
        Close = Math.Round(minute.Open - 0.02, 2),
        Volume = 1 + variant,
    };

    public static TheoryData<int> NewestPositions() => new() { 0, 1, 7, 100, Day1.Count - 1, Day1.Count, Day1.Count + 333, Minutes.Count - 1 };

    [Theory]
    [MemberData(nameof(NewestPositions))]
    public void Revising_the_newest_minute_re_emits_every_timeframe_corrected(int position)
    {
        var history = HistoryAssert.NewHistory();
        IReadOnlyList<TimeframeCandle> previous = [];
        foreach (var minute in Minutes.Take(position + 1)) previous = history.Updates(minute);

        var final = Minutes.Take(position).ToList();
        for (var variant = 0; variant < 3; variant++)
        {
            var revised = Revised(Minutes[position], variant);
            var updates = history.Updates(revised);

            Assert.Equal(Timeframes.All, updates.Select(u => u.Timeframe));
            Assert.Equal(previous.Select(u => u.Candle.Time), updates.Select(u => u.Candle.Time));
            Assert.Equal(revised, updates[0].Candle.Bar);
            HistoryAssert.UpdatesAreNewestBuckets(updates, [.. final, revised]);
            previous = updates;
        }

        final.Add(Revised(Minutes[position], 2));
        HistoryAssert.HoldsExactly(history, final);
        foreach (var minute in Minutes.Skip(position + 1)) history.Apply(minute);
        HistoryAssert.HoldsExactly(history, [.. final, .. Minutes.Skip(position + 1)]);
    }

    [Fact]
    public void A_late_minute_inside_the_current_buckets_is_folded_in()
    {
        // A regular-hours minute whose 5-minute bucket also holds the next two minutes.
        var late = Enumerable.Range(Day1.Count + 300, 200).First(i =>
            MinuteData.BucketOf(Minutes[i].Time, Timeframe.Minute5) == MinuteData.BucketOf(Minutes[i + 2].Time, Timeframe.Minute5));
        var history = HistoryAssert.NewHistory();
        foreach (var minute in Minutes.Take(late + 3).Where((_, i) => i != late)) history.Apply(minute);

        var updates = history.Updates(Minutes[late]);

        // The newest minute did not change, so there is no 1-minute update; every bucket holding the late minute is current.
        Assert.Equal([Timeframe.Minute5, Timeframe.Minute15, Timeframe.Hour1, Timeframe.Day1], updates.Select(u => u.Timeframe));
        HistoryAssert.UpdatesAreNewestBuckets(updates, Minutes.Take(late + 3));
        HistoryAssert.HoldsExactly(history, Minutes.Take(late + 3));

        foreach (var minute in Minutes.Skip(late + 3)) history.Apply(minute);
        HistoryAssert.HoldsExactly(history, Minutes);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(70)]
    [InlineData(500)]
    public void Revising_an_older_minute_corrects_the_series_without_a_live_minute(int age)
    {
        var history = HistoryAssert.NewHistory();
        var cut = Day1.Count + 400;
        foreach (var minute in Minutes.Take(cut + 1)) history.Apply(minute);
        var newest = Minutes[cut];
        var revised = Revised(Minutes[cut - age]);

        var updates = history.Updates(revised);

        var final = Minutes.Take(cut + 1).Select(m => m.Time == revised.Time ? revised : m).ToList();
        var current = Timeframes.All.Where(tf =>
            MinuteData.BucketOf(revised.Time, tf) == MinuteData.BucketOf(newest.Time, tf));
        Assert.DoesNotContain(Timeframe.Minute1, current);
        Assert.Equal(current, updates.Select(u => u.Timeframe));
        HistoryAssert.UpdatesAreNewestBuckets(updates, final);
        Assert.Equal(revised, history[Timeframe.Minute1].ToCandles()[cut - age].Bar);
        Assert.Equal(newest, history[Timeframe.Minute1].Last!.Bar);
        HistoryAssert.HoldsExactly(history, final);
    }

    [Fact]
    public void Revising_a_minute_of_the_previous_day_gives_no_updates_but_corrects_it()
    {
        var history = HistoryAssert.NewHistory();
        foreach (var minute in Minutes) history.Apply(minute);
        var revised = Revised(Day1[200]);

        Assert.Empty(history.Updates(revised));
        HistoryAssert.HoldsExactly(history, Minutes.Select(m => m.Time == revised.Time ? revised : m));
    }

    [Fact]
    public void Any_mix_of_repeats_revisions_and_late_minutes_ends_at_the_aggregation_of_the_final_minutes()
    {
        var random = new Random(5);
        var history = HistoryAssert.NewHistory();
        var final = new SortedDictionary<DateTimeOffset, Bar>();
        var pending = new List<Bar>();

        void Apply(Bar minute)
        {
            history.Apply(minute);
            final[minute.Time] = minute;
        }

        foreach (var minute in Minutes)
        {
            if (random.NextDouble() < 0.05) { pending.Add(minute); continue; } // arrives later
            Apply(minute);
            if (random.NextDouble() < 0.1) Apply(Revised(minute, random.Next(3)));
            if (random.NextDouble() < 0.1 && final.Count > 1) Apply(final.Values.ElementAt(random.Next(final.Count)));
            if (random.NextDouble() < 0.05 && final.Count > 1) Apply(Revised(final.Values.ElementAt(random.Next(final.Count)), 1));
            if (pending.Count > 0 && random.NextDouble() < 0.3)
            {
                Apply(pending[0]);
                pending.RemoveAt(0);
            }
        }
        foreach (var minute in pending) Apply(minute);

        HistoryAssert.HoldsExactly(history, final.Values);
    }
}
