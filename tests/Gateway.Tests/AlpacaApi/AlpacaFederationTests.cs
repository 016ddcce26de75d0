using OrleansMarketData.Gateway.Tests.Infrastructure;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>
/// One cluster as another's upstream: a second gateway process, configured with the Alpaca variables pointed
/// at the first gateway, loads its history and its calendar from the first one's Alpaca-compatible REST through this
/// service's own, unchanged Alpaca client, and passes the first one's trades and quotes through. Only REST is checked;
/// the second one's stream URL is a closed port.
/// </summary>
public sealed class AlpacaFederationTests
{
    private const string KeyId = "FEDERATEDKEY";
    private const string Secret = "federated-secret-31d7";

    [Fact]
    public async Task Second_cluster_on_the_first_as_its_upstream_serves_the_same_minute_history()
    {
        // The simulator on the machine's clock: the second gateway's Alpaca source asks for history up to it.
        await using var first = new GatewayFactory(new Dictionary<string, string?>
        {
            ["MarketData:Simulator:Speed"] = "1",
            ["ClientAuth:Enabled"] = "true",
            ["ClientAuth:Keys:0:KeyId"] = KeyId,
            ["ClientAuth:Keys:0:Secret"] = Secret,
        }, marketTime: DateTimeOffset.UtcNow);
        var upstream = first.BaseAddress.ToString().TrimEnd('/');
        using var second = new GatewayProcess(new Dictionary<string, string>
        {
            ["ALPACA_API_KEY"] = KeyId,
            ["ALPACA_SECRET"] = Secret,
            ["ALPACA_DATA_URL"] = upstream,
            // The seed's form, with /v2.
            ["ALPACA_BASE_URL"] = upstream + "/v2",
            ["ALPACA_STREAM_URL"] = $"ws://127.0.0.1:{GatewayFactory.FreePort()}/v2/iex",
        });
        using var firstHttp = first.CreateHttpClient().WithClientKey(KeyId, Secret);
        using var secondHttp = new HttpClient { BaseAddress = second.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await second.WaitUntilAnswersAsync("/health/ready");

        var theirs = await SeedHistoryAsync(secondHttp, "AAPL", "1Min", 10_000);
        var ours = await SeedHistoryAsync(firstHttp, "AAPL", "1Min", 10_000);

        Assert.True(theirs.Count >= 1000, $"the second gateway serves {theirs.Count} bars");
        // During market hours the first gateway may have gained live minutes the second (with no stream) has not.
        var window = ours.Where(b => b.Time >= theirs[0].Time && b.Time <= theirs[^1].Time).ToList();
        Assert.Equal(window.Select(b => b.Values), theirs.Select(b => b.Values));
        Assert.True(ours[^1].Time - theirs[^1].Time <= TimeSpan.FromMinutes(10), $"theirs end at {theirs[^1].Time}, ours at {ours[^1].Time}");
        Assert.Contains("Alpaca calendar: ", second.Output);
        Assert.DoesNotContain("Alpaca calendar could not be loaded", second.Output);
        Assert.DoesNotContain(Secret, second.Output);

        // The second one's own Alpaca REST answers alike, also years before both caches: the second reads that range
        // through its Alpaca source from the first, which reads it from its simulator.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var path in new[]
        {
            $"/v2/stocks/bars?symbols=AAPL&timeframe=1Min&start={Rfc3339(theirs[^200].Time)}&end={Rfc3339(theirs[^1].Time)}",
            $"/v2/stocks/bars?symbols=AAPL,MSFT&timeframe=1Day&start={today.AddYears(-8):yyyy-MM-dd}&end={today.AddYears(-7):yyyy-MM-dd}",
        })
        {
            var expected = (await ReadAllPagesAsync(firstHttp, path + "&limit=10000")).Bars;
            var actual = (await ReadAllPagesAsync(secondHttp, path)).Bars;
            Assert.True(expected.Count >= 200, $"{expected.Count} bars for {path}");
            Assert.Equal(expected.Select(b => (b.Symbol, b.Bar.Values)), actual.Select(b => (b.Symbol, b.Bar.Values)));
        }

        // Trades and quotes are the first one's, passed through page by page with its page tokens.
        var (from, to) = (theirs[^6].Time, theirs[^3].Time.AddMinutes(1).AddTicks(-1));
        foreach (var kind in new[] { "trades", "quotes" })
        {
            var path = $"/v2/stocks/{kind}?symbols=AAPL,MSFT&start={RestTape.Precise(from)}&end={RestTape.Precise(to)}";
            var expected = (await RestTape.ReadAllPagesAsync(firstHttp, path + "&limit=10000", kind)).Items;
            var (actual, pages) = await RestTape.ReadAllPagesAsync(secondHttp, path + "&limit=25", kind);
            Assert.True(expected.Count >= 50, $"{expected.Count} {kind} for {path}");
            Assert.True(pages.Count > 2, $"{pages.Count} pages");
            Assert.Equal(expected.Select(i => i.Symbol + i.Item.GetRawText()), actual.Select(i => i.Symbol + i.Item.GetRawText()));
        }

        // Longer timeframes come from the first gateway too (requested upstream, or built from its minutes).
        foreach (var timeframe in new[] { "15Min", "1Day" })
        {
            var a = await SeedHistoryAsync(firstHttp, "AAPL", timeframe, 200);
            var b = await SeedHistoryAsync(secondHttp, "AAPL", timeframe, 200);
            Assert.Equal(a[..^1].Select(x => x.Values).TakeLast(100), b.Where(x => x.Time <= a[^2].Time).Select(x => x.Values).TakeLast(100));
        }
    }


}
