using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>
/// One cluster as another's upstream, live: a second gateway process whose Alpaca source streams from the first
/// gateway's <c>/v2/iex</c> (with this service's own, unchanged Alpaca client) passes the first one's live bars on
/// to its own sockets. The second reads the machine's clock, so the first's simulated clock starts at the latest
/// regular open before now, at 60×: its bars are the newest the second asks for, and live ones flow at any hour.
/// </summary>
public sealed class AlpacaStreamFederationTests
{
    private static readonly Dictionary<string, string> ShortHistory = new()
    {
        ["MarketData__History__Minute1"] = "300",
        ["MarketData__History__Minute5"] = "50",
        ["MarketData__History__Minute15"] = "50",
        ["MarketData__History__Hour1"] = "50",
        ["MarketData__History__Day1"] = "50",
    };

    [Fact]
    public async Task Second_cluster_streams_the_first_ones_live_minute_bars_to_its_sockets()
    {
        var firstSettings = ShortHistory.ToDictionary(s => s.Key.Replace("__", ":"), s => (string?)s.Value);
        await using var first = new GatewayFactory(firstSettings, marketTime: new FakeCalendar().LatestOpenBefore(DateTimeOffset.UtcNow));
        var upstream = first.BaseAddress.ToString().TrimEnd('/');
        using var second = new GatewayProcess(new Dictionary<string, string>(ShortHistory)
        {
            ["ALPACA_API_KEY"] = "PKFEDERATED",
            ["ALPACA_SECRET"] = "federated-stream-secret",
            ["ALPACA_DATA_URL"] = upstream,
            ["ALPACA_BASE_URL"] = upstream,
            ["ALPACA_STREAM_URL"] = $"ws://{first.BaseAddress.Authority}/v2/iex",
        });
        using var firstHttp = first.CreateHttpClient();
        using var secondHttp = new HttpClient { BaseAddress = second.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        await using var socket = await ConnectWhenReadyAsync(second);
        var historical = await socket.ReceiveTypeAsync("historical", TimeSpan.FromSeconds(60))
            ?? throw new Xunit.Sdk.XunitException("no history from the second gateway:\n" + second.Output);
        var history = historical.GetProperty("data").EnumerateArray().Select(RestBar.FromSeedApi).ToList();
        Assert.Equal(5, history.Count);

        var live = new List<RestBar>();
        for (var i = 0; i < 3; i++)
        {
            var bar = await socket.ReceiveTypeAsync("bar", TimeSpan.FromSeconds(30))
                ?? throw new Xunit.Sdk.XunitException($"live bar {i + 1} did not reach the second gateway:\n" + second.Output);
            live.Add(RestBar.FromSeedApi(bar));
        }

        // Bar for bar what the first cluster serves, from the history's newest on, with no minute of the first's
        // missing at the seam or between live bars.
        var ours = await SeedHistoryAsync(firstHttp, "AAPL", "1Min", 300);
        var seam = ours.FindIndex(b => b.Time == history[^1].Time);
        Assert.True(seam >= 0, $"the second's history ends at {history[^1].Time:O}, a minute the first does not have");
        Assert.Equal(ours.Skip(seam + 1).Take(live.Count).Select(b => (b.Time, b.Values)), live.Select(b => (b.Time, b.Values)));

        var health = await GetJsonAsync(secondHttp, "/api/health");
        Assert.True(health.GetProperty("alpaca_connected").GetBoolean(), health.ToString());
        Assert.DoesNotContain("federated-stream-secret", second.Output);
    }

    private static async Task<SocketClient> ConnectWhenReadyAsync(GatewayProcess process)
    {
        await process.WaitUntilAnswersAsync("/health/ready");
        return await SocketClient.ConnectAsync(new Uri($"ws://{process.BaseAddress.Authority}/ws/candles/AAPL?limit=5"));
    }
}
