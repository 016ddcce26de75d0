using OrleansMarketData.Gateway.Tests.Infrastructure;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>
/// Ranges older than a symbol's cache are read from the source: a gateway with shallow caches answers exactly as
/// the shared gateway, whose deep caches hold those ranges, in both orders and across the cache boundary.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AlpacaOlderBarsTests(GatewayFixture deep, ShallowGatewayFixture shallow) : IClassFixture<ShallowGatewayFixture>
{
    [Theory]
    [InlineData("1Min", 97)]
    [InlineData("15Min", 40)]
    public async Task Intraday_range_reaching_before_the_cache_equals_the_deep_caches_answer(string timeframe, int limit)
    {
        foreach (var http in new[] { deep.Http, shallow.Http })
            foreach (var symbol in new[] { "AAPL", "MSFT" }) await WaitUntilLoadedAsync(http, symbol);
        var (_, before) = await PastTradingDaysAsync(shallow.Http);
        var start = timeframe == "1Min" ? before : before.AddDays(-14);
        // The shallow gateway started later, so its market clock is behind: end before its newest 15-minute bar, the
        // last one still forming in either gateway, so that every bar asked for is settled in both.
        var end = (await SeedHistoryAsync(shallow.Http, "AAPL", "15Min", 1))[0].Time.AddMinutes(-1);
        var query = $"/v2/stocks/bars?symbols=MSFT,AAPL&timeframe={timeframe}&start={start:yyyy-MM-dd}&end={Rfc3339(end)}&limit={limit}";

        foreach (var sort in new[] { "asc", "desc" })
        {
            var (expected, _) = await ReadAllPagesAsync(deep.Http, $"{query}&sort={sort}");
            var (actual, sizes) = await ReadAllPagesAsync(shallow.Http, $"{query}&sort={sort}");
            Assert.True(expected.Count > 2 * limit, $"{expected.Count} bars");
            Assert.Equal(expected.Select(b => (b.Symbol, b.Bar.Values)), actual.Select(b => (b.Symbol, b.Bar.Values)));
            Assert.All(sizes, s => Assert.InRange(s, 0, limit));
        }
    }

    [Fact]
    public async Task Daily_range_years_before_the_cache_equals_the_deep_caches_answer()
    {
        foreach (var http in new[] { deep.Http, shallow.Http }) await WaitUntilLoadedAsync(http, "SPY");
        var (latest, _) = await PastTradingDaysAsync(shallow.Http);
        var query = $"/v2/stocks/SPY/bars?timeframe=1Day&start={latest.AddYears(-4):yyyy-MM-dd}&end={latest.AddYears(-3):yyyy-MM-dd}";
        var shallowCache = await SeedHistoryAsync(shallow.Http, "SPY", "1Day", 10_000);
        Assert.True(shallowCache[0].Time > new DateTimeOffset(latest.AddYears(-3).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), "the range is cached");

        foreach (var sort in new[] { "asc", "desc" })
        {
            var expected = Bars((await GetJsonAsync(deep.Http, $"{query}&sort={sort}&limit=10000")).GetProperty("bars"));
            var actual = new List<RestBar>();
            string? token = null;
            do
            {
                var page = await GetJsonAsync(shallow.Http, $"{query}&sort={sort}&limit=60" + (token is null ? "" : $"&page_token={Uri.EscapeDataString(token)}"));
                actual.AddRange(Bars(page.GetProperty("bars")));
                token = page.GetProperty("next_page_token").GetString();
            } while (token is not null);
            Assert.InRange(expected.Count, 240, 260);
            Assert.Equal(expected.Select(b => b.Values), actual.Select(b => b.Values));
        }
    }
}
