using System.Net;
using System.Text.Json;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.AlpacaApi;
using OrleansMarketData.Testing;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>
/// The trade count (<c>n</c>) and VWAP (<c>vw</c>) of the upstream's bars reach the gateway's own Alpaca-compatible
/// REST and stream unchanged, for minutes and for longer bars, and a correction replaces them. The fake upstream gives
/// every minute its own values, so a bar that took another's would show. At regular hours (the market time pinned by
/// <see cref="AlpacaGateway"/>).
/// </summary>
public sealed class AlpacaTradeFieldsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task V2_bars_carry_the_upstreams_trade_count_and_vwap_for_minutes_longer_bars_and_the_latest_bar()
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
        using var http = alpaca.Gateway.CreateHttpClient();
        var market = alpaca.Upstream.Market;
        var minutes = market.MinutesBefore("AAPL", market.DefaultCursor, 30);

        var body = await GetLoadedAsync(http, $"/v2/stocks/AAPL/bars?timeframe=1Min&start={Rfc3339(minutes[0])}&end={Rfc3339(minutes[^1])}&limit=100");
        var bars = body.GetProperty("bars").EnumerateArray().ToList();
        Assert.Equal(minutes, bars.Select(b => RestBar.Parse(b).Time));
        for (var i = 0; i < minutes.Count; i++)
        {
            var upstream = FakeMarket.Bar("AAPL", minutes[i]);
            Assert.Equal(["t", "o", "h", "l", "c", "v", "n", "vw"], RestBar.Parse(bars[i]).Fields);
            Assert.Equal(upstream.TradeCount, bars[i].GetProperty("n").GetInt64());
            Assert.Equal(upstream.Vwap, bars[i].GetProperty("vw").GetDouble());
        }

        // Whole 5-minute buckets before the upstream's cursor: the upstream's own aggregation of the same minutes.
        var end = BucketBefore(market.DefaultCursor);
        var start = end.AddMinutes(-15);
        var expected = market.Bars("AAPL", "5Min", start, end)!;
        var multi = await GetLoadedAsync(http, $"/v2/stocks/bars?symbols=AAPL&timeframe=5Min&start={Rfc3339(start)}&end={Rfc3339(end)}");
        var buckets = multi.GetProperty("bars").GetProperty("AAPL").EnumerateArray().ToList();
        Assert.Equal(expected.Select(b => b.Time), buckets.Select(b => RestBar.Parse(b).Time));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Volume, buckets[i].GetProperty("v").GetInt64());
            Assert.Equal(expected[i].TradeCount, buckets[i].GetProperty("n").GetInt64());
            Assert.Equal(expected[i].Vwap!.Value, buckets[i].GetProperty("vw").GetDouble(), 9);
        }

        var latest = (await GetJsonAsync(http, "/v2/stocks/AAPL/bars/latest")).GetProperty("bar");
        var newest = FakeMarket.Bar("AAPL", minutes[^1]);
        Assert.Equal(minutes[^1], RestBar.Parse(latest).Time);
        Assert.Equal(newest.TradeCount, latest.GetProperty("n").GetInt64());
        Assert.Equal(newest.Vwap, latest.GetProperty("vw").GetDouble());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stream_bars_carry_the_upstreams_trade_count_and_vwap_and_a_correction_replaces_or_removes_them(bool msgpack)
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
        await using var client = await AlpacaStreamClient.AuthenticatedAsync(alpaca.Gateway.SocketUri("/v2/iex"), "PKANYKEY", "any-secret", msgpack);
        // The stream sends no history: a minute that reached the symbol before the connection's listener took its
        // snapshot is never sent. The session handles one request at a time and confirms before it subscribes, so
        // the second confirmation means the first subscription, its listener started, is complete.
        await client.SendAsync("""{"action":"subscribe","bars":["MSFT"]}""");
        Assert.NotNull(await client.ReceiveTypeAsync("subscription", Wait));
        await client.SendAsync("""{"action":"subscribe","updatedBars":["MSFT"]}""");
        Assert.NotNull(await client.ReceiveTypeAsync("subscription", Wait));
        await alpaca.WaitUntilSubscribedAsync("MSFT");

        var minute = alpaca.NextMinute("MSFT", alpaca.LastHistoryMinute("MSFT"));
        alpaca.Upstream.Publish("MSFT", minute);
        var published = FakeMarket.Bar("MSFT", minute);
        var bar = await client.ReceiveTypeAsync("b", Wait) ?? throw new Xunit.Sdk.XunitException("no live bar arrived");
        Assert.Equal(minute, DateTimeOffset.Parse(bar.GetProperty("t").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(published.TradeCount, bar.GetProperty("n").GetInt64());
        Assert.Equal(published.Vwap, bar.GetProperty("vw").GetDouble());

        // Late trades: more of them, at another average.
        var corrected = published with { Volume = published.Volume + 300, TradeCount = published.TradeCount + 4, Vwap = published.Vwap + 0.0125 };
        alpaca.Upstream.Correct(corrected);
        var update = await client.ReceiveTypeAsync("u", Wait) ?? throw new Xunit.Sdk.XunitException("no corrected bar arrived");
        Assert.Equal(corrected.TradeCount, update.GetProperty("n").GetInt64());
        Assert.Equal(corrected.Vwap, update.GetProperty("vw").GetDouble());

        // A correction from a source that gives neither: the bar loses them, on the stream and in REST.
        alpaca.Upstream.Correct(corrected with { Close = corrected.Close + 0.01, TradeCount = null, Vwap = null });
        update = await client.ReceiveTypeAsync("u", Wait) ?? throw new Xunit.Sdk.XunitException("the second correction never came");
        Assert.False(update.TryGetProperty("n", out _));
        Assert.False(update.TryGetProperty("vw", out _));
        using var http = alpaca.Gateway.CreateHttpClient();
        var rest = (await GetJsonAsync(http, $"/v2/stocks/MSFT/bars?timeframe=1Min&start={Rfc3339(minute)}&end={Rfc3339(minute)}"))
            .GetProperty("bars").EnumerateArray().Single();
        Assert.Equal(["t", "o", "h", "l", "c", "v"], RestBar.Parse(rest).Fields);
    }

    /// <summary>The answer once the symbol's timeframe has loaded: until then the gateway asks to retry shortly (503).</summary>
    private static async Task<JsonElement> GetLoadedAsync(HttpClient http, string path)
    {
        await Eventually.UntilAsync(async () =>
        {
            using var response = await http.GetAsync(path);
            return response.StatusCode != HttpStatusCode.ServiceUnavailable;
        }, $"{path} loaded");
        return await GetJsonAsync(http, path);
    }

    /// <summary>The start of the last whole 5-minute bucket before <paramref name="cursor"/>.</summary>
    private static DateTimeOffset BucketBefore(DateTimeOffset cursor)
    {
        var bucket = TimeSpan.FromMinutes(5).Ticks;
        return new DateTimeOffset(cursor.UtcTicks - cursor.UtcTicks % bucket, TimeSpan.Zero).AddMinutes(-5);
    }
}
