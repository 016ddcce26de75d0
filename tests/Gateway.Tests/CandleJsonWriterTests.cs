using System.Text;
using System.Text.Json;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>The fast paths of <see cref="CandleJson"/>: cached New York offsets and a reused buffer per thread.</summary>
public sealed class CandleJsonWriterTests
{
    private static readonly CandleJson Json = new();
    private static readonly MovingAveragePeriods Averages = new(40, 80, 160);

    [Fact]
    public void Timestamps_match_the_time_zone_rules_every_quarter_hour_across_both_daylight_saving_changes()
    {
        Span<byte> buffer = stackalloc byte[NewYorkTimestamp.MaxBytes];
        // 2025: DST starts 9 March 07:00 UTC and ends 2 November 06:00 UTC; walk both days and their neighbours.
        foreach (var day in new[] { new DateTime(2025, 3, 8), new DateTime(2025, 11, 1), new DateTime(2024, 1, 15) })
        {
            for (var t = new DateTimeOffset(day, TimeSpan.Zero); t < new DateTimeOffset(day.AddDays(3), TimeSpan.Zero); t = t.AddMinutes(15))
            {
                var written = NewYorkTimestamp.Write(t, buffer);
                Assert.Equal(CandleJson.Timestamp(t), Encoding.UTF8.GetString(buffer[..written]));
            }
        }
        Assert.Equal("2024-01-15T09:30:00-05:00", CandleJson.Timestamp(new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Consecutive_responses_are_independent_and_a_large_one_does_not_disturb_the_next()
    {
        var small = Json.History("AAPL", Timeframe.Minute1, Candles(3), Averages, asMessage: false);
        var large = Json.History("AAPL", Timeframe.Minute1, Candles(2_000), Averages, asMessage: true);
        var again = Json.History("AAPL", Timeframe.Minute1, Candles(3), Averages, asMessage: false);

        Assert.Equal(small, again);
        Assert.True(large.Length > 256 * 1024);
        using var doc = JsonDocument.Parse(large);
        Assert.Equal(2_000, doc.RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal("historical", doc.RootElement.GetProperty("type").GetString());
        using var first = JsonDocument.Parse(small);
        Assert.Equal(3, first.RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal("2024-01-15T09:30:00-05:00", first.RootElement.GetProperty("data")[0].GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task Threads_writing_at_once_each_get_their_own_complete_message()
    {
        var expected = Json.BarMessage("MSFT", Timeframe.Minute5, Candles(1)[0], Averages);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 500).Select(_ => Json.BarMessage("MSFT", Timeframe.Minute5, Candles(1)[0], Averages)).ToList())));
        Assert.All(results.SelectMany(r => r), m => Assert.Equal(expected, m));
    }

    [Fact]
    public void A_history_of_the_same_candle_objects_is_written_once_and_any_changed_candle_writes_it_anew()
    {
        var json = new CandleJson();
        var candles = Candles(100);
        var first = json.History("AAPL", Timeframe.Minute1, candles, Averages, asMessage: false);

        Assert.Same(first, json.History("AAPL", Timeframe.Minute1, candles.ToList(), Averages, asMessage: false));
        Assert.NotSame(first, json.History("AAPL", Timeframe.Minute1, candles, Averages, asMessage: true));
        Assert.NotSame(first, json.History("MSFT", Timeframe.Minute1, candles, Averages, asMessage: false));

        // The forming bar was revised: a new candle object in the last place.
        var revised = candles.ToList();
        revised[^1] = revised[^1] with { Rsi = 61.25 };
        var changed = json.History("AAPL", Timeframe.Minute1, revised, Averages, asMessage: false);
        Assert.NotEqual(first, changed);
        Assert.Contains("61.25", Encoding.UTF8.GetString(changed));
        Assert.Equal(changed, json.History("AAPL", Timeframe.Minute1, Candles(100).Take(99).Append(revised[^1]).ToList(), Averages, asMessage: false));

        // Fewer bars asked for: not the same message.
        Assert.Equal(99, JsonDocument.Parse(json.History("AAPL", Timeframe.Minute1, revised.Skip(1).ToList(), Averages, asMessage: false))
            .RootElement.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public void Reads_of_a_candle_series_between_two_bars_reuse_the_written_history()
    {
        var json = new CandleJson();
        var series = new CandleSeries(Timeframe.Minute1, 100, new IndicatorOptions(), new NyseCalendar());
        var bars = Candles(600).Select(c => c.Bar).ToList();
        series.Load(bars.Take(550).ToList(), holdsFullHistory: false);

        var first = json.History("AAPL", Timeframe.Minute1, series.Newest(100), Averages, asMessage: false);
        Assert.Same(first, json.History("AAPL", Timeframe.Minute1, series.Newest(100), Averages, asMessage: false));

        // A new bar changes the candles: the history is written anew, then reused again.
        series.Upsert(CandleRow.Of(bars[550]), TradeFields.Of(bars[550]));
        var next = json.History("AAPL", Timeframe.Minute1, series.Newest(100), Averages, asMessage: false);
        Assert.NotSame(first, next);
        Assert.Same(next, json.History("AAPL", Timeframe.Minute1, series.Newest(100), Averages, asMessage: false));
    }

    [Fact]
    public void The_averages_are_named_by_the_periods_that_came_with_the_candles()
    {
        var json = new CandleJson();
        var candles = Candles(100);
        string[] Names(byte[] message) => JsonDocument.Parse(message).RootElement.EnumerateObject()
            .Select(p => p.Name).Where(n => n.StartsWith("MA", StringComparison.Ordinal)).ToArray();

        Assert.Equal(["MA20", "MA50", "MA200"], Names(json.BarMessage("AAPL", Timeframe.Minute1, candles[^1], new(20, 50, 200))));
        Assert.Equal(["MA40", "MA80", "MA160"], Names(json.BarMessage("AAPL", Timeframe.Minute1, candles[^1], Averages)));
        var history = JsonDocument.Parse(json.History("AAPL", Timeframe.Minute1, candles, new(20, 50, 200), asMessage: false));
        Assert.True(history.RootElement.GetProperty("data")[99].TryGetProperty("MA200", out _));
        // The same candles with other periods are another message, not the one written before.
        var again = JsonDocument.Parse(json.History("AAPL", Timeframe.Minute1, candles, Averages, asMessage: false));
        Assert.True(again.RootElement.GetProperty("data")[99].TryGetProperty("MA160", out _));
    }

    [Fact]
    public void The_history_cache_is_bounded_in_entries_and_in_message_size()
    {
        var cache = new HistoryJsonCache();
        var candles = Candles(1);
        for (var i = 0; i < HistoryJsonCache.MaxEntries + 10; i++)
            cache.GetOrWrite($"S{i}", Timeframe.Minute1, false, candles, Averages, () => [1]);
        Assert.InRange(cache.Count, 1, HistoryJsonCache.MaxEntries);

        var empty = new HistoryJsonCache();
        empty.GetOrWrite("BIG", Timeframe.Minute1, false, candles, Averages, () => new byte[HistoryJsonCache.MaxMessageBytes + 1]);
        Assert.Equal(0, empty.Count);
    }

    private static List<Candle> Candles(int count) =>
        Enumerable.Range(0, count).Select(i => new Candle(
            new Bar(new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.Zero).AddMinutes(i), 100.25 + i, 101.5 + i, 99.75 + i, 100.5 + i, 1_000 + i),
            MarketStatus.Regular, i < 20 ? null : 0.5, 55.5, 100.125, i < 80 ? null : 100.0625, double.NaN)).ToList();
}
