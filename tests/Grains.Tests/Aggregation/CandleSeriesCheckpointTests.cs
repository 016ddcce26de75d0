using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Tests.Aggregation;

/// <summary>
/// The warm-up bars of a loaded history are not cached: they feed the indicator checkpoint, which moves forward as
/// the oldest bars are dropped. Corrections recompute from it and must give exactly (bit for bit) the indicators of
/// a computation from the first bar over the same bars; bars older than the checkpoint are left out.
/// </summary>
public sealed class CandleSeriesCheckpointTests
{
    private const int Served = 200;
    private static readonly IndicatorOptions Settings = new();
    private static readonly NyseCalendar Calendar = new();

    /// <summary>Real simulator minutes, enough for the warm-up, the served bars and 300 live bars after them.</summary>
    private static readonly List<Bar> All = [.. new SimulatedMarket(Calendar).Bars(
        SymbolUniverse.Find("MSFT")!, Timeframe.Minute1, Settings.WarmupBars + Served + 300, new DateTimeOffset(2025, 6, 10, 18, 0, 0, TimeSpan.Zero))];

    private static CandleSeries LoadedSeries(out int loaded)
    {
        var series = new CandleSeries(Timeframe.Minute1, Served, Settings, Calendar);
        loaded = series.Capacity;
        series.Load(All.Take(loaded).ToList(), holdsFullHistory: false);
        return series;
    }

    /// <summary>Every cached candle carries exactly the indicators of a computation over every bar from the first.</summary>
    private static void AssertExact(CandleSeries series, IReadOnlyList<Bar> bars)
    {
        var expected = IndicatorSet.Compute(bars, Settings);
        var cached = series.ToCandles();
        Assert.Equal(bars.TakeLast(cached.Length), cached.Select(c => c.Bar));
        for (var i = 0; i < cached.Length; i++)
        {
            var e = expected[bars.Count - cached.Length + i];
            Assert.Equal((e.Atr, e.Rsi, e.MaShort, e.MaMedium, e.MaLong), (cached[i].Atr, cached[i].Rsi, cached[i].MaShort, cached[i].MaMedium, cached[i].MaLong));
        }
    }

    private static Bar Revised(Bar bar) => bar with { High = bar.High + 0.37, Close = bar.Close + 0.21, Volume = bar.Volume + 1 };

    [Fact]
    public void Warmup_bars_are_loaded_but_neither_cached_nor_served()
    {
        var series = LoadedSeries(out var loaded);

        Assert.Equal(Served, series.Count);
        Assert.False(series.HoldsAllBars);
        Assert.Equal(All[Settings.WarmupBars].Time, series.FirstTime);
        Assert.Equal(All.Skip(Settings.WarmupBars).Take(Served), series.Newest(10_000).Select(c => c.Bar));
        Assert.Equal(All.Skip(Settings.WarmupBars).Take(Served),
            series.Range(All[0].Time, All[loaded - 1].Time, 10_000, descending: false, out var next));
        Assert.Null(next);
        Assert.All(series.Newest(10_000), c => Assert.NotNull(c.MaLong));
        AssertExact(series, All.Take(loaded).ToList());
    }

    [Fact]
    public void Corrections_after_the_checkpoint_moved_give_the_indicators_of_a_computation_from_the_first_bar()
    {
        var series = LoadedSeries(out var loaded);
        var bars = All.Take(loaded).ToList();
        // Live bars push the oldest cached bars into the checkpoint; one minute is held back and arrives late.
        var late = loaded + 150;
        foreach (var bar in All.Skip(loaded).Take(250).Where((_, i) => loaded + i != late)) series.Upsert(bar);
        bars.AddRange(All.Skip(loaded).Take(250).Where((_, i) => loaded + i != late));
        Assert.Equal(Served, series.Count);
        Assert.Equal(bars[^Served].Time, series.FirstTime);
        AssertExact(series, bars);

        // A revision of the oldest cached bar, of one in the middle, of the newest, and the late bar.
        foreach (var index in new[] { bars.Count - Served, bars.Count - 77, bars.Count - 1 })
        {
            var revised = Revised(bars[index]);
            Assert.Equal(index == bars.Count - 1 ? SeriesChange.RevisedLast : SeriesChange.RevisedEarlier, series.Upsert(revised));
            bars[index] = revised;
            AssertExact(series, bars);
        }
        Assert.Equal(SeriesChange.RevisedEarlier, series.Upsert(All[late]));
        bars.Insert(bars.FindIndex(b => b.Time > All[late].Time), All[late]);
        Assert.Equal(Served, series.Count);
        AssertExact(series, bars);

        // And the series goes on exactly from there.
        foreach (var bar in All.Skip(loaded + 250)) series.Upsert(bar);
        AssertExact(series, [.. bars, .. All.Skip(loaded + 250)]);
    }

    [Fact]
    public void A_bar_older_than_the_cache_is_left_out_and_changes_nothing()
    {
        var series = LoadedSeries(out var loaded);
        foreach (var bar in All.Skip(loaded).Take(50)) series.Upsert(bar);
        var before = series.ToCandles();
        var newest = series.Newest(Served);

        // A correction of a warm-up bar, of a bar the checkpoint took from the cache, and a bar older than the load.
        Assert.Equal(SeriesChange.BeforeCache, series.Upsert(Revised(All[10])));
        Assert.Equal(SeriesChange.BeforeCache, series.Upsert(Revised(All[Settings.WarmupBars + 20])));
        Assert.Equal(SeriesChange.BeforeCache, series.Upsert(All[0] with { Time = All[0].Time.AddDays(-3) }));

        Assert.Equal(before, series.ToCandles());
        Assert.Same(newest, series.Newest(Served));
    }

    [Fact]
    public void A_minute_older_than_the_cached_minutes_changes_no_timeframe()
    {
        var history = new SymbolHistory(new HistoryOptions { Minute1 = Served }, Settings, Calendar);
        var minutes = history[Timeframe.Minute1];
        minutes.Load(All.Take(minutes.Capacity).ToList(), holdsFullHistory: false);
        var before = minutes.ToCandles();

        Assert.True(history.Apply(Revised(All[Settings.WarmupBars - 1])).IsEmpty);
        Assert.True(history.Apply(Revised(All[3])).IsEmpty);

        Assert.Equal(before, minutes.ToCandles());
        Assert.Equal(0, history[Timeframe.Minute5].Count);
    }

    [Fact]
    public void A_missing_bar_between_the_checkpoint_and_the_first_cached_bar_is_folded_in_exactly()
    {
        // The bar right after the warm-up is missing from the load, so it falls between the checkpoint and the cache.
        var series = new CandleSeries(Timeframe.Minute1, Served, Settings, Calendar);
        var missing = Settings.WarmupBars;
        var bars = All.Take(series.Capacity + 1).Where((_, i) => i != missing).ToList();
        series.Load(bars, holdsFullHistory: false);
        Assert.Equal(All[missing + 1].Time, series.FirstTime);

        Assert.Equal(SeriesChange.RevisedEarlier, series.Upsert(All[missing]));

        // The cache is full, so the bar, older than every cached one, went into the checkpoint.
        Assert.Equal(All[missing + 1].Time, series.FirstTime);
        Assert.Equal(Served, series.Count);
        AssertExact(series, All.Take(series.Capacity + 1).ToList());
    }

    [Fact]
    public void Reads_return_the_same_candle_objects_until_the_series_changes()
    {
        var series = LoadedSeries(out var loaded);
        var first = series.Newest(100);

        Assert.Same(first, series.Newest(100));
        Assert.Equal(first.TakeLast(30), series.Newest(30), ReferenceEqualityComparer.Instance);
        var larger = series.Newest(150);
        Assert.Equal(first, larger.TakeLast(100), ReferenceEqualityComparer.Instance);
        Assert.Same(series.Last, first[^1]);
        Assert.Same(series.Last, series.Last);

        // A duplicate changes nothing, so the objects stay.
        Assert.Equal(SeriesChange.None, series.Upsert(All[loaded - 1]));
        Assert.Same(first[^1], series.Newest(100)[^1]);

        // A revised newest bar: new objects, equal where the bars did not change.
        Assert.Equal(SeriesChange.RevisedLast, series.Upsert(Revised(All[loaded - 1])));
        var revised = series.Newest(100);
        Assert.NotSame(first[^1], revised[^1]);
        Assert.Equal(Revised(All[loaded - 1]), revised[^1].Bar);
        Assert.Equal(first.Take(99), revised.Take(99));
        Assert.Same(revised, series.Newest(100));

        // A new bar: the window moves on.
        series.Upsert(All[loaded]);
        Assert.Equal(All[loaded], series.Newest(100)[^1].Bar);
        Assert.Same(series.Last, series.Newest(100)[^1]);
    }

    [Fact]
    public void A_full_history_is_cached_and_served_from_its_first_bar_with_null_warmup_indicators()
    {
        var series = new CandleSeries(Timeframe.Minute1, Served, Settings, Calendar);
        series.Load(All.Take(Served).ToList(), holdsFullHistory: true);

        Assert.True(series.HoldsAllBars);
        Assert.Equal(All.Take(Served), series.Newest(10_000).Select(c => c.Bar));
        Assert.Null(series.Newest(10_000)[0].Atr);
        AssertExact(series, All.Take(Served).ToList());

        // A bar before the first one is still exact: nothing older exists.
        var earlier = All[0] with { Time = All[0].Time.AddMinutes(-1) };
        Assert.Equal(SeriesChange.RevisedEarlier, series.Upsert(earlier));
        AssertExact(series, [earlier, .. All.Take(Served)]);
    }
}
