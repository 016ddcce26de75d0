using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// The local cluster (deploy/local-cluster.sh: redis, two silos, two gateways, nginx) on a fake Alpaca upstream
/// that the test drives minute by minute: the silo holding the upstream connection is killed with SIGKILL. Its
/// processes read the machine's clock, so the upstream does too, and the test holds at any hour: it replays
/// minutes the upstream has before now, whichever session they fall in.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class LocalClusterFailoverTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly CancellationTokenSource _stopPublishing = new();
    private FakeAlpacaServer _upstream = null!;
    private LocalCluster _cluster = null!;
    private Task _publishing = Task.CompletedTask;
    private DateTimeOffset _published;

    public async Task InitializeAsync()
    {
        _upstream = await FakeAlpacaServer.StartAsync();
        // Let the upstream show it if a second connection were ever opened, rather than refusing it.
        _upstream.SessionLimit = 10;
        // History ends 400 bars before now, so that the test can publish a minute every 0.4 s and backfills
        // (which ask up to the present) still cover every minute published.
        _published = _upstream.Market.MinutesBefore("AAPL", _upstream.Now, 400)[0];
        _upstream.Market.DefaultCursor = _published.AddMinutes(1);
        _cluster = new LocalCluster(new Dictionary<string, string?>
        {
            ["ALPACA_API_KEY"] = FakeAlpacaServer.KeyId,
            ["ALPACA_SECRET"] = FakeAlpacaServer.Secret,
            ["ALPACA_DATA_URL"] = _upstream.BaseUrl.ToString(),
            ["ALPACA_BASE_URL"] = _upstream.BaseUrl.ToString(),
            ["ALPACA_STREAM_URL"] = _upstream.StreamUrl,
            ["Alpaca__MaxReconnectDelay"] = "00:00:02",
            ["MarketData__History__Minute1"] = "100",
            ["MarketData__History__Minute5"] = "20",
            ["MarketData__History__Minute15"] = "20",
            ["MarketData__History__Hour1"] = "20",
            ["MarketData__History__Day1"] = "20",
            ["Gateway__SymbolCheckInterval"] = "00:00:02",
        });
    }

    public async Task DisposeAsync()
    {
        await StopPublishingAsync();
        await _cluster.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Killing_the_feed_silo_keeps_clients_on_the_load_balancer_receiving_every_bar_over_one_upstream_connection()
    {
        await _cluster.UpAsync();
        await using var client = await SocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{_cluster.LoadBalancerPort}/ws/candles/AAPL?limit=5&{LocalCluster.ApiKeyQuery}"));
        var times = (await client.ReceiveAsync(Wait))!.Value.GetProperty("data").EnumerateArray().Select(Time).ToList();
        _publishing = PublishAsync(_stopPublishing.Token);
        for (var i = 0; i < 3; i++) times.Add(Time(await client.ReceiveTypeAsync("bar", Wait) ?? throw Failure("no live bar")));

        var status = await _cluster.StatusAsync();
        var feedSilo = status.GetProperty("silos").EnumerateArray().Single(s => s.GetProperty("hosts_feed").GetBoolean());
        Process.GetProcessById(feedSilo.GetProperty("pid").GetInt32()).Kill();

        // Thirty bars more, each within a bound generous enough for the cluster to notice the death and move the feed.
        for (var i = 0; i < 30; i++)
            times.Add(Time(await client.ReceiveTypeAsync("bar", TimeSpan.FromSeconds(120)) ?? throw Failure($"bars stopped after {times[^1]:O}")));
        for (var i = 1; i < times.Count; i++)
        {
            var expected = _upstream.Market.NextMinute("AAPL", times[i - 1]);
            Assert.True(times[i] == expected, $"after {times[i - 1]:O} came {times[i]:O}, not {expected:O}\n{_cluster.Logs()}");
        }

        Assert.Equal(1, _upstream.MaxConcurrentSessions);
        Assert.True(_upstream.AuthAttempts.Count >= 2, "no new upstream connection after the kill");
        var after = await _cluster.StatusAsync();
        Assert.NotEqual(feedSilo.GetProperty("name").GetString(), after.GetProperty("silos").EnumerateArray()
            .Single(s => s.GetProperty("hosts_feed").GetBoolean()).GetProperty("name").GetString());

        // Once the market is quiet, every gateway serves the same history, and it is the upstream's.
        await StopPublishingAsync();
        while (times[^1] < _published)
            times.Add(Time(await client.ReceiveTypeAsync("bar", Wait) ?? throw Failure($"the last published bar {_published:O} never came")));
        foreach (var timeframe in new[] { "1Min", "5Min" })
        {
            var histories = new List<string>();
            foreach (var gateway in after.GetProperty("gateways").EnumerateArray())
            {
                using var http = LocalCluster.Authorized(new Uri($"http://127.0.0.1:{gateway.GetProperty("port").GetInt32()}"), Wait);
                histories.Add((await http.GetFromJsonAsync<JsonElement>($"/api/symbols/AAPL/historical?timeframe={timeframe}&limit=60")).GetProperty("data").GetRawText());
            }
            Assert.Equal(2, histories.Count);
            Assert.Equal(histories[0], histories[1]);
            if (timeframe != "1Min") continue;
            foreach (var bar in JsonDocument.Parse(histories[0]).RootElement.EnumerateArray())
            {
                var expected = FakeMarket.Bar("AAPL", Time(bar));
                Assert.Equal(expected.Close, bar.GetProperty("close").GetDouble());
                Assert.Equal(expected.Volume, bar.GetProperty("volume").GetInt64());
            }
        }
    }

    /// <summary>One AAPL minute every 0.4 s: streamed to a connected feed, and in the REST history either way.</summary>
    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(400, cancellationToken);
                var next = _upstream.Market.NextMinute("AAPL", _published);
                _upstream.Publish("AAPL", next);
                _published = next;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task StopPublishingAsync()
    {
        await _stopPublishing.CancelAsync();
        await _publishing;
    }

    private Xunit.Sdk.XunitException Failure(string message) => new($"{message}\n{_cluster.Logs()}");

    private static DateTimeOffset Time(JsonElement bar) => DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!);
}
