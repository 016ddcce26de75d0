using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>Cluster mode as processes: redis-server, PostgreSQL for the bars, two silos and a gateway that is a pure Orleans client.</summary>
public sealed class ClusterModeTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly List<GatewayProcess> _silos = [];
    private RedisProcess _redis = null!;
    private PostgresServer _postgres = null!;
    private GatewayProcess _gateway = null!;
    private Dictionary<string, string> _environment = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisProcess.StartAsync();
        _postgres = await PostgresServer.StartAsync();
        _environment = new Dictionary<string, string>
        {
            ["Cluster__Mode"] = "Redis",
            ["Cluster__Redis"] = _redis.ConnectionString,
            ["BarStore__Postgres__ConnectionString"] = await _postgres.CreateDatabaseAsync(),
            ["Cluster__ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
            // Every process reads the same simulated clock: regular hours at 60× speed.
            ["MarketData__Simulator__Speed"] = "60",
            ["MarketData__Simulator__StartTime"] = MarketTime.Text(MarketTime.RegularHours),
            ["MarketData__Simulator__WallClockAnchor"] = MarketTime.Text(DateTimeOffset.UtcNow),
            // A subscription the cluster dropped while the gateway moved off a dead silo is noticed within seconds.
            ["Gateway__SymbolCheckInterval"] = "00:00:02",
        };
        for (var i = 0; i < 2; i++) _silos.Add(GatewayProcess.Silo(_environment));
        // Configured unlike the silos: the averages must still be named by the periods the silos computed them with.
        _gateway = new GatewayProcess(new Dictionary<string, string>(_environment) { ["MarketData__Indicators__MaShortPeriod"] = "20" });
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _gateway.Dispose();
        foreach (var silo in _silos) silo.Dispose();
        _redis.Dispose();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task Gateway_client_serves_history_and_live_bars_from_two_silos_found_through_redis()
    {
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var health = await WaitForAsync(http, h => h.GetProperty("silo_count").GetInt32() == 2);
        Assert.Equal(2, health.GetProperty("silo_count").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

        var history = await http.GetFromJsonAsync<JsonElement>("/api/symbols/AAPL/historical?limit=100");
        Assert.Equal(100, history.GetProperty("data").GetArrayLength());
        Assert.True(history.GetProperty("data")[99].TryGetProperty("MA40", out _), "the silos' short average is MA40");
        Assert.False(history.GetProperty("data")[99].TryGetProperty("MA20", out _), "the gateway's own settings do not name it");

        await using var client = await SocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{_gateway.Port}/ws/candles/MSFT?limit=5"));
        Assert.Equal("historical", (await client.ReceiveAsync(Wait))!.Value.GetProperty("type").GetString());
        var first = await client.ReceiveTypeAsync("bar", Wait) ?? throw new Xunit.Sdk.XunitException("no live bar:\n" + Logs());
        var second = await client.ReceiveTypeAsync("bar", Wait) ?? throw new Xunit.Sdk.XunitException("one live bar only");
        Assert.True(DateTimeOffset.Parse(second.GetProperty("timestamp").GetString()!) > DateTimeOffset.Parse(first.GetProperty("timestamp").GetString()!));
        Assert.True(second.TryGetProperty("MA40", out _), "a live bar names the silos' short average too");

        health = await http.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.StartsWith("S127.0.0.1:", health.GetProperty("feed_silo").GetString());
        Assert.Equal("ok", health.GetProperty("store").GetString());
    }

    [Fact]
    public async Task Killing_the_silo_that_holds_the_feed_keeps_clients_receiving_bars_with_no_gap()
    {
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await WaitForAsync(http, h => h.GetProperty("silo_count").GetInt32() == 2);
        await using var client = await SocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{_gateway.Port}/ws/candles/AAPL?limit=3"));
        var times = (await client.ReceiveAsync(Wait))!.Value.GetProperty("data").EnumerateArray().Select(Time).ToList();
        for (var i = 0; i < 2; i++) times.Add(Time(await client.ReceiveTypeAsync("bar", Wait) ?? throw new Xunit.Sdk.XunitException("no live bar")));

        var feedSilo = (await http.GetFromJsonAsync<JsonElement>("/api/health")).GetProperty("feed_silo").GetString()!;
        var victim = _silos.Single(s => feedSilo.StartsWith($"S127.0.0.1:{s.SiloPort}:", StringComparison.Ordinal));
        victim.Kill();
        var lastBeforeKill = times[^1];

        // Bars keep coming, each within a bound generous enough for the cluster to notice the death and move the
        // feed; the ones of the minutes while no feed ran are filled in, in order.
        while (times[^1] < lastBeforeKill.AddMinutes(30))
            times.Add(Time(await client.ReceiveTypeAsync("bar", TimeSpan.FromSeconds(120)) ?? throw new Xunit.Sdk.XunitException("bars stopped:\n" + Logs())));
        for (var i = 1; i < times.Count; i++)
            Assert.True(times[i] == times[i - 1].AddMinutes(1), $"after {times[i - 1]:O} came {times[i]:O}\n{Logs()}");
        var health = await http.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.NotEqual(feedSilo, health.GetProperty("feed_silo").GetString());
    }

    private static DateTimeOffset Time(JsonElement bar) => DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!);

    /// <summary>Until the gateway's health answers 200 with <paramref name="condition"/> true; processes start slowly on a busy machine.</summary>
    private async Task<JsonElement> WaitForAsync(HttpClient http, Func<JsonElement, bool> condition)
    {
        var answer = await Eventually.ValueAsync(async () =>
        {
            try
            {
                using var response = await http.GetAsync("/api/health");
                var text = await response.Content.ReadAsStringAsync();
                return (Health: response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement : (JsonElement?)null, Text: text);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                return (Health: null, Text: ex.Message);
            }
        }, a => a.Health is { } health && condition(health), a => $"health never matched; last: {a.Text}\n{Logs()}", TimeSpan.FromSeconds(120));
        return answer.Health!.Value;
    }

    private string Logs() => "gateway:\n" + _gateway.Output + string.Concat(_silos.Select((s, i) => $"\nsilo {i}:\n{s.Output}"));
}
