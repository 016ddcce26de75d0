using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.AlpacaApi;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.RestTape;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>
/// On Alpaca the cluster passes trades and quotes through: the upstream's pages (its own page tokens), its latest
/// (asked once per few seconds however often a client polls), and its refusals, in Alpaca's shapes. At regular hours
/// (pinned by <see cref="AlpacaGateway"/>).
/// </summary>
public sealed class AlpacaTapePassThroughTests
{
    [Fact]
    public async Task Pages_latest_snapshot_and_refusals_are_the_upstreams()
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
        using var http = alpaca.Gateway.CreateHttpClient();
        var until = alpaca.Upstream.Market.DefaultCursor;
        var (from, to) = (until.AddMinutes(-20), until.AddTicks(-1));

        // Every page through the gateway, following the upstream's tokens, is the upstream's tape in its order.
        var (paged, sizes) = await ReadAllPagesAsync(http, $"/v2/stocks/trades?symbols=MSFT,AAPL&start={Precise(from)}&end={Precise(to)}&limit=7", "trades");
        var expected = new[] { "AAPL", "MSFT" }
            .SelectMany(s => FakeTapeApi.Items(alpaca.Upstream.Market, s, "trades", from, to).Select(i => (Symbol: s, i.Time, Wire: JsonSerializer.SerializeToElement(i.Wire))))
            .ToList();
        Assert.Equal(80, expected.Count);
        Assert.Equal(Enumerable.Repeat(7, 11).Append(3), sizes);
        Assert.Equal(expected.Count, paged.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (symbol, item) = paged[i];
            Assert.Equal(expected[i].Symbol, symbol);
            Assert.Equal(expected[i].Time, Time(item));
            Assert.Equal(TradeFields, item.EnumerateObject().Select(p => p.Name).ToArray());
            foreach (var field in new[] { "x", "p", "s", "c", "i", "z" })
                Assert.Equal(expected[i].Wire.GetProperty(field).GetRawText(), item.GetProperty(field).GetRawText());
        }
        Assert.Contains(alpaca.Upstream.TapeRequests, r => r.StartsWith("/v2/stocks/trades?", StringComparison.Ordinal) && r.Contains("page_token="));
        Assert.All(alpaca.Upstream.TapeRequests, r => Assert.Contains("feed=iex", r));

        // Quotes, newest first, of one symbol.
        var quotes = (await GetJsonAsync(http, $"/v2/stocks/AAPL/quotes?start={Precise(from)}&end={Precise(to)}&sort=desc"))
            .GetProperty("quotes").EnumerateArray().Select(RestQuote.Parse).ToList();
        var upstreamQuotes = FakeTapeApi.Items(alpaca.Upstream.Market, "AAPL", "quotes", from, to);
        Assert.Equal(upstreamQuotes.Select(q => q.Time).Reverse(), quotes.Select(q => q.Time));
        Assert.Equal(upstreamQuotes.Select(q => (double)q.Wire["bp"]).Reverse(), quotes.Select(q => q.Bid));

        // The latest: one upstream request for several polls in a row (one more for each 3 s they took on a slow
        // machine), and a poll after 3 s asks again.
        var asked = LatestRequests(alpaca);
        var polling = Stopwatch.StartNew();
        var first = (await GetJsonAsync(http, "/v2/stocks/AAPL/trades/latest")).GetProperty("trade");
        for (var i = 0; i < 5; i++)
            Assert.Equal(first.GetRawText(), (await GetJsonAsync(http, "/v2/stocks/trades/latest?symbols=AAPL")).GetProperty("trades").GetProperty("AAPL").GetRawText());
        var polled = polling.Elapsed;
        Assert.InRange(LatestRequests(alpaca) - asked, 1, 1 + (int)(polled / TimeSpan.FromSeconds(3)));
        var beforeExpiry = LatestRequests(alpaca);
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        await GetJsonAsync(http, "/v2/stocks/AAPL/trades/latest");
        Assert.Equal(beforeExpiry + 1, LatestRequests(alpaca));
        var newestMinute = alpaca.Upstream.Market.MinutesBefore("AAPL", until, 1)[0];
        var upstreamLatest = FakeTapeApi.Items(alpaca.Upstream.Market, "AAPL", "trades", newestMinute, until.AddTicks(-1))[^1];
        Assert.Equal(upstreamLatest.Time, Time(first));
        Assert.Equal((double)upstreamLatest.Wire["p"], first.GetProperty("p").GetDouble());

        // A snapshot takes its latest trade from the same place, and its bars from the cluster.
        await WaitUntilLoadedAsync(http, "AAPL");
        var snapshot = await GetJsonAsync(http, "/v2/stocks/AAPL/snapshot");
        Assert.Equal(first.GetRawText(), snapshot.GetProperty("latestTrade").GetRawText());
        Assert.Equal(newestMinute, Time(snapshot.GetProperty("minuteBar")));

        // The upstream's refusal of a page token is the client's 400, in Alpaca's shape.
        var refused = await GetErrorAsync(http, "/v2/stocks/AAPL/trades?page_token=bm90IGEgdG9rZW4=", HttpStatusCode.BadRequest);
        Assert.Contains("invalid page token", refused);
        Assert.DoesNotContain(FakeAlpacaServer.Secret, refused);
    }

    private static int LatestRequests(AlpacaGateway alpaca) =>
        alpaca.Upstream.TapeRequests.Count(r => r.StartsWith("/v2/stocks/trades/latest?", StringComparison.Ordinal));
}
