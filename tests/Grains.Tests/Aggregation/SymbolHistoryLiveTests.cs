using OrleansMarketData.Aggregation;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Aggregation;

/// <summary>
/// 1-minute bars applied in order over two winter trading days (after-hours runs past UTC midnight there): every
/// timeframe's live candle and cached series must equal an aggregation computed independently.
/// </summary>
public sealed class SymbolHistoryLiveTests
{
    private static readonly List<Bar> Minutes =
        [.. MinuteData.Session(new DateOnly(2025, 1, 13), seed: 1), .. MinuteData.Session(new DateOnly(2025, 1, 14), seed: 2)];

    [Fact]
    public void Each_minute_updates_every_timeframe_with_its_bucket_so_far()
    {
        var history = HistoryAssert.NewHistory();
        var seen = new List<Bar>();
        foreach (var minute in Minutes)
        {
            var updates = history.Updates(minute);
            seen.Add(minute);

            Assert.Equal(Timeframes.All, updates.Select(u => u.Timeframe));
            Assert.Equal(minute, updates[0].Candle.Bar);
            HistoryAssert.UpdatesAreNewestBuckets(updates, seen);
            foreach (var update in updates)
                Assert.Same(history[update.Timeframe].Last, update.Candle);
        }
        HistoryAssert.HoldsExactly(history, Minutes);
    }

    [Fact]
    public void Bucket_counts_match_the_sessions()
    {
        var history = HistoryAssert.NewHistory();
        foreach (var minute in Minutes) history.Apply(minute);

        Assert.Equal(2, history[Timeframe.Day1].Count);
        Assert.Equal([new DateTimeOffset(2025, 1, 13, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 14, 5, 0, 0, TimeSpan.Zero)],
            history[Timeframe.Day1].ToCandles().Select(c => c.Time));
        Assert.Equal(32, history[Timeframe.Hour1].Count); // 04:00–20:00 on two days, each hour has trades
        Assert.Equal(Minutes.Count, history[Timeframe.Minute1].Count);
    }

    [Fact]
    public void Candles_carry_the_market_status_of_their_start()
    {
        var history = HistoryAssert.NewHistory();
        foreach (var minute in Minutes) history.Apply(minute);

        foreach (var candle in history[Timeframe.Minute1].ToCandles())
        {
            var local = TimeZoneInfo.ConvertTime(candle.Time, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).TimeOfDay;
            var expected = local < new TimeSpan(9, 30, 0) ? MarketStatus.PreMarket
                : local < new TimeSpan(16, 0, 0) ? MarketStatus.Regular
                : MarketStatus.AfterHours;
            Assert.Equal(expected, candle.Status);
        }
        Assert.All(history[Timeframe.Day1].ToCandles(), c => Assert.Equal(MarketStatus.Regular, c.Status));
    }

    [Fact]
    public void Duplicates_give_no_updates_and_change_nothing()
    {
        var history = HistoryAssert.NewHistory();
        foreach (var minute in Minutes) history.Apply(minute);
        var before = Timeframes.All.Select(tf => history[tf].ToCandles().ToList()).ToList();

        Assert.Empty(history.Updates(Minutes[^1]));
        Assert.Empty(history.Updates(Minutes[^7]));
        Assert.Empty(history.Updates(Minutes[3]));
        Assert.Empty(history.Updates(Minutes[^1] with { }));

        for (var i = 0; i < Timeframes.All.Count; i++)
            Assert.Equal(before[i], history[Timeframes.All[i]].ToCandles());
        HistoryAssert.HoldsExactly(history, Minutes);
    }
}
