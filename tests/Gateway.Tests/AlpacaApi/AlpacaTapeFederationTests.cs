using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>
/// One cluster as another's upstream, for trades: a second gateway process whose Alpaca source streams from the first
/// gateway's <c>/v2/iex</c> subscribes the trades its client asks for there, and passes on exactly the first one's
/// trades. The first's simulated clock starts at the latest regular open before now, at 60x (the second reads the
/// machine's clock, as in <see cref="AlpacaStreamFederationTests"/>).
/// </summary>
public sealed class AlpacaTapeFederationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Second_cluster_streams_the_first_ones_trades_unchanged()
    {
        await using var first = new GatewayFactory(new Dictionary<string, string?>(), marketTime: new FakeCalendar().LatestOpenBefore(DateTimeOffset.UtcNow));
        var upstream = first.BaseAddress.ToString().TrimEnd('/');
        using var second = new GatewayProcess(new Dictionary<string, string>
        {
            ["ALPACA_API_KEY"] = "PKFEDERATED",
            ["ALPACA_SECRET"] = "federated-stream-secret",
            ["ALPACA_DATA_URL"] = upstream,
            ["ALPACA_BASE_URL"] = upstream,
            ["ALPACA_STREAM_URL"] = $"ws://{first.BaseAddress.Authority}/v2/iex",
        });
        await second.WaitUntilAnswersAsync("/health/ready");

        await using var direct = await AlpacaStreamClient.AuthenticatedAsync(first.SocketUri("/v2/iex"), "PKDIRECT", "any-secret");
        await using var federated = await AlpacaStreamClient.AuthenticatedAsync(
            new Uri($"ws://{second.BaseAddress.Authority}/v2/iex"), "PKANYKEY", "any-secret");
        await direct.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
        Assert.NotNull(await direct.ReceiveTypeAsync("subscription", Wait));
        await federated.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
        Assert.NotNull(await federated.ReceiveTypeAsync("subscription", Wait));

        // Some four simulated minutes of AAPL's trades on each; minutes both saw whole are the same trades.
        var mine = await TradesAsync(direct, 80, second);
        var theirs = await TradesAsync(federated, 80, second);
        var whole = mine.Keys.Intersect(theirs.Keys).Order().Skip(1).SkipLast(1).ToList();
        Assert.True(whole.Count >= 1, $"{whole.Count} whole minutes seen on both clusters");
        foreach (var minute in whole) Assert.Equal(mine[minute], theirs[minute]);
        Assert.DoesNotContain("federated-stream-secret", second.Output);
    }

    /// <summary>The next <paramref name="count"/> trades as "id price size time", by the minute of their time.</summary>
    private static async Task<Dictionary<string, List<string>>> TradesAsync(AlpacaStreamClient client, int count, GatewayProcess second)
    {
        var byMinute = new Dictionary<string, List<string>>();
        for (var n = 0; n < count;)
        {
            var message = await client.ReceiveAsync(Wait) ?? throw new Xunit.Sdk.XunitException($"{n} trades, then the stream went quiet:\n" + second.Output);
            if (message.GetProperty("T").GetString() != "t") continue;
            var time = message.GetProperty("t").GetString()!;
            if (!byMinute.TryGetValue(time[..16], out var list)) byMinute[time[..16]] = list = [];
            list.Add($"{message.GetProperty("i").GetInt64()} {message.GetProperty("p").GetDouble()} {message.GetProperty("s").GetInt64()} {time}");
            n++;
        }
        return byMinute;
    }
}
