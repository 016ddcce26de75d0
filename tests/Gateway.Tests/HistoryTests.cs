using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// The seed API's history and latest bar, at any market time: night, weekend, holiday, early close. One symbol
/// throughout, so that each market time's gateway loads one history.
/// </summary>
public sealed class HistoryTests(InstantGateways gateways) : IClassFixture<InstantGateways>
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly string[] BarFields =
        ["timestamp", "open", "high", "low", "close", "volume", "market_status", "ATR", "RSI", "MA40", "MA80", "MA160"];

    [Theory]
    [AnyMarketTime("1Min", 100)]
    [AnyMarketTime("5Min", 50)]
    [AnyMarketTime("15Min", 50)]
    [AnyMarketTime("1Hour", 50)]
    [AnyMarketTime("1Day", 50)]
    public async Task History_has_exactly_limit_well_formed_bars_oldest_first(DateTimeOffset marketTime, string timeframe, int limit)
    {
        var body = await GetAsync(marketTime, $"/api/symbols/AAPL/historical?timeframe={timeframe}&limit={limit}");
        Assert.Equal("AAPL", body.GetProperty("symbol").GetString());
        Assert.Equal(timeframe, body.GetProperty("timeframe").GetString());
        var bars = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(limit, bars.Count);

        DateTimeOffset? previous = null;
        foreach (var bar in bars)
        {
            Assert.Equal(BarFields, bar.EnumerateObject().Select(p => p.Name));
            Assert.All(BarFields.Skip(7), f => Assert.Equal(JsonValueKind.Number, bar.GetProperty(f).ValueKind));
            var text = bar.GetProperty("timestamp").GetString()!;
            var time = DateTimeOffset.Parse(text);
            Assert.Equal(NewYork.GetUtcOffset(time), time.Offset);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[45]:00$", text);
            Assert.True(previous is null || time > previous, $"{text} does not follow {previous}");
            previous = time;

            double open = bar.GetProperty("open").GetDouble(), high = bar.GetProperty("high").GetDouble();
            double low = bar.GetProperty("low").GetDouble(), close = bar.GetProperty("close").GetDouble();
            Assert.True(low <= Math.Min(open, close) && Math.Max(open, close) <= high, $"inconsistent OHLC at {text}");
            Assert.True(bar.GetProperty("volume").GetInt64() > 0);
            Assert.Contains(bar.GetProperty("market_status").GetString(), new[] { "pre-market", "regular", "after-hours", "closed" });
        }
    }

    [Theory]
    [AnyMarketTime("1Min")]
    [AnyMarketTime("1Day")]
    public async Task Limit_of_10000_returns_at_least_500_bars(DateTimeOffset marketTime, string timeframe)
    {
        var body = await GetAsync(marketTime, $"/api/symbols/AAPL/historical?timeframe={timeframe}&limit=10000");
        Assert.True(body.GetProperty("data").GetArrayLength() >= 500);
    }

    [Theory, AnyMarketTime]
    public async Task Daily_history_covers_more_than_three_years_of_regular_sessions(DateTimeOffset marketTime)
    {
        var bars = (await GetAsync(marketTime, "/api/symbols/AAPL/historical?timeframe=1Day&limit=10000")).GetProperty("data").EnumerateArray().ToList();
        var first = DateTimeOffset.Parse(bars[0].GetProperty("timestamp").GetString()!);
        var last = DateTimeOffset.Parse(bars[^1].GetProperty("timestamp").GetString()!);
        Assert.True(last - first > TimeSpan.FromDays(3 * 365));
        Assert.All(bars, b => Assert.Equal("regular", b.GetProperty("market_status").GetString()));
        Assert.All(bars, b => Assert.Equal(0, DateTimeOffset.Parse(b.GetProperty("timestamp").GetString()!).TimeOfDay.Ticks));
    }

    [Theory]
    [AnyMarketTime("1Min")]
    [AnyMarketTime("5Min")]
    [AnyMarketTime("15Min")]
    [AnyMarketTime("1Hour")]
    [AnyMarketTime("1Day")]
    public async Task Indicators_equal_an_independent_computation_over_the_longest_history(DateTimeOffset marketTime, string timeframe)
    {
        var all = (await GetAsync(marketTime, $"/api/symbols/AAPL/historical?timeframe={timeframe}&limit=10000"))
            .GetProperty("data").EnumerateArray().ToList();
        Assert.True(all.Count >= 500, $"only {all.Count} bars");
        double[] Column(string name) => all.Select(b => b.GetProperty(name).GetDouble()).ToArray();
        var (high, low, close) = (Column("high"), Column("low"), Column("close"));
        var expected = new Dictionary<string, double?[]>
        {
            ["ATR"] = ReferenceIndicators.Atr(high, low, close, 20),
            ["RSI"] = ReferenceIndicators.Rsi(close, 14),
            ["MA40"] = ReferenceIndicators.Sma(close, 40),
            ["MA80"] = ReferenceIndicators.Sma(close, 80),
            ["MA160"] = ReferenceIndicators.Sma(close, 160),
        };

        // The newest 100 bars have at least 400 bars of warm-up in the reference computation.
        for (var i = all.Count - 100; i < all.Count; i++)
        {
            foreach (var (name, values) in expected)
            {
                var actual = all[i].GetProperty(name).GetDouble();
                Assert.True(Math.Abs(actual - values[i]!.Value) <= 1e-6,
                    $"{name} of bar {i} ({all[i].GetProperty("timestamp")}): {actual} vs {values[i]}");
            }
        }
    }

    [Fact]
    public async Task Symbol_is_case_insensitive_and_answered_in_upper_case()
    {
        var body = await GetAsync(MarketTime.RegularHours, "/api/symbols/aapl/historical?limit=1&timeframe=1day");
        Assert.Equal("AAPL", body.GetProperty("symbol").GetString());
        Assert.Equal("1Day", body.GetProperty("timeframe").GetString());
    }

    [Theory, AnyMarketTime]
    public async Task Latest_has_the_seed_fields_and_matches_the_newest_minute(DateTimeOffset marketTime)
    {
        // Read between two histories: in regular hours a minute may end in between.
        var before = (await GetAsync(marketTime, "/api/symbols/AAPL/historical?limit=1")).GetProperty("data")[0];
        var latest = await GetAsync(marketTime, "/api/symbols/AAPL/latest");
        var after = (await GetAsync(marketTime, "/api/symbols/AAPL/historical?limit=500")).GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(["symbol", "timestamp", "open", "high", "low", "close", "volume"], latest.EnumerateObject().Select(p => p.Name));
        Assert.Equal("AAPL", latest.GetProperty("symbol").GetString());
        var latestTime = Time(latest);
        Assert.True(latestTime >= Time(before), $"latest {latestTime:O} is older than the newest bar {Time(before):O} read before it");
        var bar = Assert.Single(after, b => Time(b) == latestTime);
        Assert.Equal(bar.GetProperty("close").GetDouble(), latest.GetProperty("close").GetDouble());
    }

    private static DateTimeOffset Time(JsonElement bar) => DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!);

    private async Task<JsonElement> GetAsync(DateTimeOffset marketTime, string path)
    {
        using var response = await gateways.HttpAt(marketTime).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
