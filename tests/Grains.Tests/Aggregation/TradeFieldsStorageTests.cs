using System.Runtime.CompilerServices;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Aggregation;

/// <summary>
/// Trade count and VWAP are kept beside the 88-byte candle rows, in a side array a series allocates only when a bar
/// with either arrives (Grains/Aggregation/CandleBuffer.cs). A series fed bars without them holds no side array; once
/// it has one, every bar keeps its own fields through trimming, late inserts and corrections.
/// </summary>
public sealed class TradeFieldsStorageTests
{
    private static readonly NyseCalendar Calendar = new();
    private static readonly DateOnly Day = new(2025, 6, 10);
    private const int Served = 40;

    /// <summary>Distinct fields for the minute at <paramref name="i"/>: a count and a VWAP inside its range.</summary>
    private static Bar WithFields(Bar bar, int i) =>
        bar with { TradeCount = 1 + i * 3, Vwap = Math.Round(bar.Low + (bar.High - bar.Low) * (i % 7) / 7.0, 4) };

    [Fact]
    public void A_history_fed_bars_without_them_holds_88_byte_rows_and_no_side_array()
    {
        Assert.Equal(88, Unsafe.SizeOf<CandleRow>());
        var minutes = MinuteData.Session(Day, seed: 3);
        var history = new SymbolHistory(new HistoryOptions { Minute1 = 60, Minute5 = 20, Minute15 = 10, Hour1 = 4, Day1 = 2 },
            HistoryAssert.Settings, Calendar);
        history[Timeframe.Minute1].Load(minutes.Take(100).ToList(), holdsFullHistory: false);
        foreach (var minute in minutes.Skip(100)) history.Apply(minute);
        // Corrections of the newest and an older minute, and a repeated one.
        history.Apply(minutes[^1] with { Close = minutes[^1].Close + 0.5, Volume = minutes[^1].Volume + 7 });
        history.Apply(minutes[^10] with { High = minutes[^10].High + 1 });
        history.Apply(minutes[^3]);

        Assert.All(Timeframes.All, timeframe => Assert.False(history[timeframe].HoldsTradeFields, timeframe.Name()));

        // The first bar with a field allocates it.
        var next = minutes[^1] with { Time = minutes[^1].Time.AddMinutes(1), TradeCount = 5 };
        history.Apply(next);
        Assert.True(history[Timeframe.Minute1].HoldsTradeFields);
        Assert.Equal(5, history[Timeframe.Minute1].Last!.Bar.TradeCount);
    }

    [Fact]
    public void Trimming_late_inserts_and_corrections_keep_each_bars_fields_with_its_bar()
    {
        var series = new CandleSeries(Timeframe.Minute1, Served, HistoryAssert.Settings, Calendar);
        // The first 70 bars have no fields: the buffer is full and its ring has wrapped before the side array exists.
        var bars = MinuteData.Session(Day, seed: 11).Take(320).Select((bar, i) => i < 70 ? bar : WithFields(bar, i)).ToList();
        var late = new HashSet<int> { 150, 151, 205, 290 };
        var fed = new SortedDictionary<DateTimeOffset, Bar>();

        void Feed(Bar bar)
        {
            series.Upsert(bar);
            fed[bar.Time] = bar;
            var expected = fed.Values.TakeLast(series.Count).ToList();
            Assert.Equal(expected, series.ToCandles().Select(c => c.Bar));
            // The served candles (an upserted series does not serve its first warm-up bars) are the materialised path.
            var served = series.Newest(Served);
            Assert.Equal(expected.TakeLast(served.Count), served.Select(c => c.Bar));
        }

        for (var i = 0; i < bars.Count; i++)
        {
            if (!late.Contains(i)) Feed(bars[i]);
            // A late bar arrives a few bars after its time, and goes in between cached bars.
            if (late.Contains(i - 3)) Feed(bars[i - 3]);
            // Every 25th bar, an older cached bar is corrected: new fields, or none any more.
            if (i > 80 && i % 25 == 0)
            {
                var older = fed.Values.ElementAt(fed.Count - 6);
                Feed(i % 50 == 0 ? older with { TradeCount = null, Vwap = null } : older with { TradeCount = older.TradeCount + 100, Vwap = older.Low });
            }
        }

        Assert.True(series.HoldsTradeFields);
        Assert.Equal(Served, series.Newest(Served).Count);
        Assert.Equal(fed.Values.TakeLast(series.Count).Select(b => b.TradeCount), series.ToCandles().Select(c => c.Bar.TradeCount));
    }

    [Fact]
    public void Trimmed_longer_timeframes_keep_each_buckets_sum_and_weighted_vwap()
    {
        var depth = new HistoryOptions { Minute1 = 30, Minute5 = 8, Minute15 = 4, Hour1 = 3, Day1 = 2 };
        var history = new SymbolHistory(depth, HistoryAssert.Settings, Calendar);
        // Minutes without fields first, so older buckets lack them and newer ones have them.
        var minutes = MinuteData.Session(Day, seed: 5).Select((bar, i) => i < 200 ? bar : WithFields(bar, i)).ToList();
        foreach (var minute in minutes) history.Apply(minute);

        foreach (var timeframe in Timeframes.All)
        {
            var candles = history[timeframe].ToCandles();
            var expected = minutes.GroupBy(m => MinuteData.BucketOf(m.Time, timeframe)).TakeLast(candles.Length).ToList();
            Assert.Equal(expected.Count, candles.Length);
            for (var i = 0; i < candles.Length; i++)
            {
                var parts = expected[i].ToList();
                var bar = candles[i].Bar;
                Assert.Equal(expected[i].Key, bar.Time);
                var complete = parts.All(m => m.TradeCount is not null);
                Assert.Equal(complete ? parts.Sum(m => m.TradeCount) : null, bar.TradeCount);
                if (!complete) Assert.Null(bar.Vwap);
                else Assert.Equal(parts.Sum(m => m.Vwap!.Value * m.Volume) / parts.Sum(m => m.Volume), bar.Vwap!.Value, 9);
            }
        }
    }
}
