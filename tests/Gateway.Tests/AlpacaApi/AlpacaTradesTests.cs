using System.Net;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Model;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.RestTape;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>
/// The Alpaca-compatible trades and quotes on the simulator: their shapes, that they make the bars the /v2 bar routes
/// serve, that quotes bracket trades, paging, and errors. On a past trading day, so that they hold at any market time.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AlpacaTradesTests(GatewayFixture fixture)
{
    private HttpClient Http => fixture.Http;

    /// <summary>Ten minutes of the morning of the latest past trading day, as RFC-3339 bounds (both inclusive).</summary>
    private async Task<(DateTimeOffset From, DateTimeOffset To)> MorningAsync(int minutes = 10)
    {
        var (day, _) = await PastTradingDaysAsync(Http);
        var from = NewYorkTime.At(day, new TimeOnly(10, 0));
        return (from, from.AddMinutes(minutes).AddTicks(-1));
    }

    [Fact]
    public async Task Trades_of_each_minute_aggregate_to_the_v2_minute_bar()
    {
        var (from, to) = await MorningAsync();
        var bars = (await GetJsonAsync(Http, $"/v2/stocks/AAPL/bars?timeframe=1Min&start={Rfc3339(from)}&end={Rfc3339(to)}&limit=100"))
            .GetProperty("bars").EnumerateArray().ToList();
        var body = await GetJsonAsync(Http, $"/v2/stocks/AAPL/trades?start={Precise(from)}&end={Precise(to)}&limit=10000");
        var trades = body.GetProperty("trades").EnumerateArray().Select(RestTrade.Parse).ToList();

        Assert.Equal(10, bars.Count);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("next_page_token").ValueKind);
        Assert.Equal(trades.Count, trades.Select(t => t.Id).Distinct().Count());
        foreach (var bar in bars)
        {
            var start = DateTimeOffset.Parse(bar.GetProperty("t").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var minute = trades.Where(t => t.Time >= start && t.Time < start.AddMinutes(1)).ToList();
            Assert.NotEmpty(minute);
            Assert.Equal(bar.GetProperty("o").GetDouble(), minute[0].Price);
            Assert.Equal(bar.GetProperty("c").GetDouble(), minute[^1].Price);
            Assert.Equal(bar.GetProperty("h").GetDouble(), minute.Max(t => t.Price));
            Assert.Equal(bar.GetProperty("l").GetDouble(), minute.Min(t => t.Price));
            Assert.Equal(bar.GetProperty("v").GetInt64(), minute.Sum(t => t.Size));
            Assert.Equal(bar.GetProperty("n").GetInt64(), minute.Count);
            var vwap = minute.Sum(t => t.Price * t.Size) / minute.Sum(t => t.Size);
            Assert.Equal(bar.GetProperty("vw").GetDouble(), vwap, 1e-9 * vwap);
        }
        Assert.All(trades, t => Assert.Equal(TradeFields, t.Fields));
        // Regular hours: every trade is marked regular (@), none extended (T); served as the iex feed (exchange V).
        Assert.All(trades, t => Assert.Contains("@", t.Conditions));
        Assert.All(trades, t => Assert.DoesNotContain("T", t.Conditions));
        Assert.All(trades, t => Assert.Equal("V", t.Exchange));
        Assert.True(trades.Zip(trades.Skip(1)).All(p => p.First.Time < p.Second.Time), "trades are not in time order");
    }

    [Fact]
    public async Task The_quote_in_force_at_each_trade_brackets_its_price()
    {
        var (from, to) = await MorningAsync(5);
        var trades = (await GetJsonAsync(Http, $"/v2/stocks/MSFT/trades?start={Precise(from)}&end={Precise(to)}&limit=10000"))
            .GetProperty("trades").EnumerateArray().Select(RestTrade.Parse).ToList();
        var quotes = (await GetJsonAsync(Http, $"/v2/stocks/MSFT/quotes?start={Precise(from)}&end={Precise(to)}&limit=10000"))
            .GetProperty("quotes").EnumerateArray().Select(RestQuote.Parse).ToList();

        Assert.NotEmpty(trades);
        Assert.All(quotes, q => Assert.Equal(QuoteFields, q.Fields));
        Assert.All(quotes, q => Assert.True(q.Bid < q.Ask && q.BidSize > 0 && q.AskSize > 0, $"{q}"));
        foreach (var trade in trades)
        {
            var inForce = quotes.LastOrDefault(q => q.Time <= trade.Time);
            Assert.True(inForce is not null, $"no quote before the trade at {trade.Time:O}");
            Assert.InRange(trade.Price, inForce.Bid, inForce.Ask);
        }
    }

    [Theory]
    [InlineData("trades", "asc")]
    [InlineData("quotes", "asc")]
    [InlineData("trades", "desc")]
    public async Task Paging_over_several_symbols_returns_every_item_once_in_order(string kind, string sort)
    {
        var (from, to) = await MorningAsync(3);
        var range = $"start={Precise(from)}&end={Precise(to)}&sort={sort}";
        var (paged, sizes) = await ReadAllPagesAsync(Http, $"/v2/stocks/{kind}?symbols=MSFT,AAPL,ZZZZ&{range}&limit=7", kind);
        var whole = new List<(string, JsonElement)>();
        foreach (var symbol in new[] { "AAPL", "MSFT" })
        {
            var single = await GetJsonAsync(Http, $"/v2/stocks/{symbol}/{kind}?{range}&limit=10000");
            whole.AddRange(single.GetProperty(kind).EnumerateArray().Select(item => (symbol, item)));
        }

        Assert.True(sizes.Count > 3, $"{sizes.Count} pages");
        Assert.All(sizes.SkipLast(1), size => Assert.Equal(7, size));
        Assert.Equal(whole.Select(p => p.Item1 + p.Item2.GetRawText()), paged.Select(p => p.Symbol + p.Item.GetRawText()));
        foreach (var symbol in new[] { "AAPL", "MSFT" })
        {
            var times = paged.Where(p => p.Symbol == symbol).Select(p => Time(p.Item)).ToList();
            Assert.Equal(sort == "asc" ? times.Order() : times.OrderDescending(), times);
            Assert.All(times, t => Assert.InRange(t, from, to));
        }
    }

    [Fact]
    public async Task Single_and_multi_answers_have_alpacas_shapes()
    {
        var (from, to) = await MorningAsync(1);
        var single = await GetJsonAsync(Http, $"/v2/stocks/aapl/trades?start={Precise(from)}&end={Precise(to)}&limit=2");
        Assert.Equal(["trades", "symbol", "next_page_token"], single.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("AAPL", single.GetProperty("symbol").GetString());
        Assert.Equal(JsonValueKind.String, single.GetProperty("next_page_token").ValueKind);

        var multi = await GetJsonAsync(Http, $"/v2/stocks/quotes?symbols=AAPL,ZZZZ&start={Precise(from)}&end={Precise(to)}");
        Assert.Equal(["quotes", "next_page_token"], multi.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(["AAPL"], multi.GetProperty("quotes").EnumerateObject().Select(p => p.Name).ToArray());

        var latest = await GetJsonAsync(Http, "/v2/stocks/AAPL/quotes/latest");
        Assert.Equal(["symbol", "quote"], latest.EnumerateObject().Select(p => p.Name).ToArray());
        var latestMulti = await GetJsonAsync(Http, "/v2/stocks/trades/latest?symbols=MSFT,AAPL,ZZZZ");
        Assert.Equal(["trades"], latestMulti.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(["AAPL", "MSFT"], latestMulti.GetProperty("trades").EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Theory]
    [InlineData("trades")]
    [InlineData("quotes")]
    public async Task Latest_is_the_last_item_of_the_history_up_to_now(string kind)
    {
        var one = kind == "trades" ? "trade" : "quote";
        var before = DateTimeOffset.Parse((await GetJsonAsync(Http, "/v2/clock")).GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var latest = (await GetJsonAsync(Http, $"/v2/stocks/SPY/{kind}/latest")).GetProperty(one);
        var after = DateTimeOffset.Parse((await GetJsonAsync(Http, "/v2/clock")).GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var at = Time(latest);

        // Nothing after the clock's now; and the history up to the latest one's time ends with it.
        Assert.True(at <= after.AddSeconds(1), $"latest {one} at {at:O}, after the clock's {after:O}");
        var history = await GetJsonAsync(Http, $"/v2/stocks/SPY/{kind}?start={Precise(at.AddDays(-7))}&end={Precise(at)}&sort=desc&limit=1");
        Assert.Equal(latest.GetRawText(), history.GetProperty(kind)[0].GetRawText());
        // And nothing the history held before the first clock reading is newer than it.
        var older = await GetJsonAsync(Http, $"/v2/stocks/SPY/{kind}?start={Precise(before.AddDays(-7))}&end={Precise(before)}&sort=desc&limit=1");
        Assert.True(Time(older.GetProperty(kind)[0]) <= at);
    }

    [Theory]
    [InlineData("/v2/stocks/AAPL/trades?limit=0", HttpStatusCode.BadRequest, "invalid limit")]
    [InlineData("/v2/stocks/AAPL/trades?limit=10001", HttpStatusCode.BadRequest, "invalid limit")]
    [InlineData("/v2/stocks/AAPL/quotes?sort=up", HttpStatusCode.BadRequest, "invalid sort")]
    [InlineData("/v2/stocks/AAPL/quotes?timeframe=1Min", HttpStatusCode.BadRequest, "unexpected parameter(s): timeframe")]
    [InlineData("/v2/stocks/AAPL/trades?page_token=bm90IGEgdG9rZW4=", HttpStatusCode.BadRequest, "invalid page_token")]
    [InlineData("/v2/stocks/trades?symbols=AAPL&page_token=TVNGVHwyMDI2LTAxLTAxVDAwOjAwOjAwLjAwMDAwMDBa", HttpStatusCode.BadRequest, "invalid page_token")]
    [InlineData("/v2/stocks/AAPL/trades?start=2026-01-02&end=2026-01-01", HttpStatusCode.UnprocessableEntity, "start must not be after end")]
    [InlineData("/v2/stocks/AAPL/trades?feed=sip", HttpStatusCode.UnprocessableEntity, "feed 'sip' is not served here")]
    [InlineData("/v2/stocks/quotes/latest?symbols=AAPL&feed=otc", HttpStatusCode.UnprocessableEntity, "feed 'otc' is not served here")]
    [InlineData("/v2/stocks/trades", HttpStatusCode.BadRequest, "missing symbols")]
    [InlineData("/v2/stocks/ZZZZ/trades/latest", HttpStatusCode.NotFound, "unknown symbol 'ZZZZ'")]
    [InlineData("/v2/stocks/ZZZZ/snapshot", HttpStatusCode.NotFound, "unknown symbol 'ZZZZ'")]
    public async Task Bad_requests_are_refused_in_alpacas_shape(string path, HttpStatusCode status, string message)
    {
        Assert.Contains(message, await GetErrorAsync(Http, path, status));
    }

    [Fact]
    public async Task An_unknown_symbol_has_no_trades()
    {
        var body = await GetJsonAsync(Http, "/v2/stocks/ZZZZ/trades");
        Assert.Equal(0, body.GetProperty("trades").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("next_page_token").ValueKind);
    }
}
