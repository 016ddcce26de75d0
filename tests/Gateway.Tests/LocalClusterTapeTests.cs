using System.Globalization;
using System.Text.Json;
using OrleansMarketData.Testing;
using OrleansMarketData.Gateway.Tests.AlpacaApi;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// Trades and quotes across processes: two silos and two gateways (pure Orleans clients) from deploy/local-cluster.sh,
/// a stream client on each gateway. Both receive the same trades from the feed grain's silo, and one gateway's
/// unsubscribe leaves the other's stream flowing. The simulator at 60x from regular hours.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class LocalClusterTapeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_gateways_get_the_same_trades_and_one_unsubscribing_leaves_the_other_flowing()
    {
        await using var cluster = new LocalCluster();
        await cluster.UpAsync();
        var ports = (await cluster.StatusAsync()).GetProperty("gateways").EnumerateArray().Select(g => g.GetProperty("port").GetInt32()).ToList();
        Assert.Equal(2, ports.Count);
        await using var first = await ConnectAsync(ports[0]);
        await using var second = await ConnectAsync(ports[1]);

        // Whole minutes seen by both: a minute's trades are the same on either gateway, in the same order.
        // About 40 trades a simulated minute for the two symbols: 200 are some five minutes, read from one socket while
        // the other's wait in its queue.
        var firstTrades = await TradesAsync(first, 200);
        var secondTrades = await TradesAsync(second, 200);
        var shared = firstTrades.Keys.Intersect(secondTrades.Keys).Order().ToList();
        // The first and last minute each saw may be partial on one of them.
        var whole = shared.Skip(1).SkipLast(1).ToList();
        Assert.True(whole.Count >= 2, $"{whole.Count} whole minutes seen by both gateways");
        foreach (var minute in whole) Assert.Equal(firstTrades[minute], secondTrades[minute]);

        await first.SendAsync("""{"action":"unsubscribe","trades":["AAPL","MSFT"]}""");
        Assert.NotNull(await first.ReceiveTypeAsync("subscription", Wait));
        var firstTypes = new List<string>();
        for (var i = 0; i < 60; i++) firstTypes.Add((await first.ReceiveAsync(Wait))!.Value.GetProperty("T").GetString()!);
        Assert.All(firstTypes.Skip(5), type => Assert.Equal("q", type));
        Assert.NotEmpty(await TradesAsync(second, 20));
    }

    [Fact]
    public async Task Trades_flow_again_after_the_feed_silo_is_killed()
    {
        // Renewals every 2 s: the feed grain activated on the other silo learns the gateways' interests from them.
        await using var cluster = new LocalCluster(new Dictionary<string, string?> { ["Gateway__SymbolCheckInterval"] = "00:00:02" });
        await cluster.UpAsync();
        var status = await cluster.StatusAsync();
        var port = status.GetProperty("gateways").EnumerateArray().First().GetProperty("port").GetInt32();
        await using var client = await ConnectAsync(port);
        Assert.NotEmpty(await TradesAsync(client, 10));

        var feedSilo = status.GetProperty("silos").EnumerateArray().Single(s => s.GetProperty("hosts_feed").GetBoolean());
        var killed = feedSilo.GetProperty("pid").GetInt32();
        System.Diagnostics.Process.GetProcessById(killed).Kill();
        await Eventually.UntilAsync(async () => (await cluster.StatusAsync()).GetProperty("silos").EnumerateArray()
                .Any(s => s.GetProperty("hosts_feed").GetBoolean() && s.GetProperty("pid").GetInt32() != killed),
            "the feed grain active on the other silo", TimeSpan.FromSeconds(120));

        // From a market time after the feed moved, trades can only come from its new activation, which learned the
        // gateway's interest from the gateway's renewals.
        using var http = LocalCluster.Authorized(cluster.LoadBalancer, TimeSpan.FromSeconds(60));
        var moved = DateTimeOffset.Parse(
            JsonDocument.Parse(await http.GetStringAsync("/api/health")).RootElement.GetProperty("market_time").GetString()!, CultureInfo.InvariantCulture);
        var after = 0;
        while (after < 40)
        {
            var message = await client.ReceiveAsync(TimeSpan.FromSeconds(120))
                ?? throw new Xunit.Sdk.XunitException($"{after} trades after the feed moved, then none:\n{cluster.Logs()}");
            if (message.GetProperty("T").GetString() == "t"
                && DateTimeOffset.Parse(message.GetProperty("t").GetString()!, CultureInfo.InvariantCulture) > moved) after++;
        }
    }

    private static async Task<AlpacaStreamClient> ConnectAsync(int port)
    {
        var client = await AlpacaStreamClient.AuthenticatedAsync(new Uri($"ws://127.0.0.1:{port}/v2/iex"), LocalCluster.KeyId, LocalCluster.Secret);
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL","MSFT"],"quotes":["AAPL"]}""");
        Assert.NotNull(await client.ReceiveTypeAsync("subscription", Wait));
        return client;
    }

    /// <summary>The next <paramref name="count"/> trades, as (symbol, id) lists keyed by the minute of their ids' times.</summary>
    private static async Task<Dictionary<string, List<string>>> TradesAsync(AlpacaStreamClient client, int count)
    {
        var byMinute = new Dictionary<string, List<string>>();
        for (var n = 0; n < count;)
        {
            var message = await client.ReceiveAsync(Wait) ?? throw new Xunit.Sdk.XunitException($"{n} trades, then the stream went quiet");
            if (message.GetProperty("T").GetString() != "t") continue;
            var minute = message.GetProperty("t").GetString()![..16];
            if (!byMinute.TryGetValue(minute, out var list)) byMinute[minute] = list = [];
            list.Add($"{message.GetProperty("S").GetString()} {message.GetProperty("i").GetInt64()} {Json(message)}");
            n++;
        }
        return byMinute;
    }

    private static string Json(JsonElement message) => message.GetRawText();
}
