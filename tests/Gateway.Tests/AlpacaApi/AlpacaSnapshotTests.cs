using System.Globalization;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.RestTape;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>The Alpaca-compatible snapshots on the simulator: their shapes, and that every part agrees with the route serving it alone.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AlpacaSnapshotTests(GatewayFixture fixture)
{
    private static readonly string[] Parts = ["latestTrade", "latestQuote", "minuteBar", "dailyBar", "prevDailyBar"];

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Snapshot_parts_agree_with_the_bars_and_latest_routes()
    {
        await WaitUntilLoadedAsync(Http, "AAPL");
        var snapshot = await GetJsonAsync(Http, "/v2/stocks/aapl/snapshot");

        Assert.Equal(["symbol", .. Parts], snapshot.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("AAPL", snapshot.GetProperty("symbol").GetString());
        var minute = snapshot.GetProperty("minuteBar");
        var minuteTime = Time(minute);
        var sameMinute = (await GetJsonAsync(Http, $"/v2/stocks/AAPL/bars?timeframe=1Min&start={Rfc3339(minuteTime)}&end={Rfc3339(minuteTime)}")).GetProperty("bars");
        Assert.Equal(minute.GetRawText(), sameMinute[0].GetRawText());

        // The daily bars: today's is still forming at 60x, so its time and open; yesterday's whole.
        var daily = snapshot.GetProperty("dailyBar");
        var previous = snapshot.GetProperty("prevDailyBar");
        var days = (await GetJsonAsync(Http, $"/v2/stocks/AAPL/bars?timeframe=1Day&start={Rfc3339(Time(previous))}&limit=10")).GetProperty("bars");
        Assert.Equal(previous.GetRawText(), days[0].GetRawText());
        Assert.Equal(Time(daily), Time(days[days.GetArrayLength() - 1]));
        Assert.Equal(daily.GetProperty("o").GetDouble(), days[days.GetArrayLength() - 1].GetProperty("o").GetDouble());
        Assert.True(Time(previous) < Time(daily));

        // The latest trade is the last of the trades history up to its time, and no older than the minute bar.
        var trade = snapshot.GetProperty("latestTrade");
        Assert.True(Time(trade) >= minuteTime, $"latest trade {Time(trade):O} before the minute bar {minuteTime:O}");
        var history = await GetJsonAsync(Http, $"/v2/stocks/AAPL/trades?start={Precise(Time(trade).AddDays(-7))}&end={Precise(Time(trade))}&sort=desc&limit=1");
        Assert.Equal(trade.GetRawText(), history.GetProperty("trades")[0].GetRawText());
        var quote = snapshot.GetProperty("latestQuote");
        var quotes = await GetJsonAsync(Http, $"/v2/stocks/AAPL/quotes?start={Precise(Time(quote).AddDays(-7))}&end={Precise(Time(quote))}&sort=desc&limit=1");
        Assert.Equal(quote.GetRawText(), quotes.GetProperty("quotes")[0].GetRawText());
    }

    [Fact]
    public async Task Snapshots_of_several_symbols_are_a_map_without_wrapper_leaving_unknown_symbols_out()
    {
        await WaitUntilLoadedAsync(Http, "MSFT");
        await WaitUntilLoadedAsync(Http, "SPY");
        var body = await GetJsonAsync(Http, "/v2/stocks/snapshots?symbols=SPY,msft,ZZZZ");

        Assert.Equal(["MSFT", "SPY"], body.EnumerateObject().Select(p => p.Name).ToArray());
        foreach (var symbol in body.EnumerateObject())
        {
            Assert.Equal(Parts, symbol.Value.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.All(Parts, part => Assert.Equal(JsonValueKind.Object, symbol.Value.GetProperty(part).ValueKind));
            Assert.Equal(TradeFields, symbol.Value.GetProperty("latestTrade").EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Equal(QuoteFields, symbol.Value.GetProperty("latestQuote").EnumerateObject().Select(p => p.Name).ToArray());
        }
    }
}
