using System.Net.Http.Json;
using System.Text.Json;
using OrleansMarketData.Client;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Client;

/// <summary>
/// The client's stream across a gateway killed and started again on the same port with the same pinned clock: it
/// reconnects by itself and, reading the history again, yields every minute the gateway has exactly once, in order.
/// </summary>
public sealed class MarketDataClientRestartTests : IDisposable
{
    private readonly int _port = GatewayFactory.FreePort();
    private readonly Dictionary<string, string> _environment;
    private GatewayProcess _gateway;

    public MarketDataClientRestartTests()
    {
        _environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{_port}",
            ["MarketData__Simulator__Speed"] = "60",
            // Both processes read one clock: the restarted one continues the same simulated day.
            ["MarketData__Simulator__StartTime"] = MarketTime.Text(MarketTime.RegularHours),
            ["MarketData__Simulator__WallClockAnchor"] = MarketTime.Text(DateTimeOffset.UtcNow),
        };
        _gateway = new GatewayProcess(_environment);
    }

    private Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    [Fact]
    public async Task Stream_across_a_gateway_restart_yields_every_minute_once_in_order()
    {
        await _gateway.WaitUntilAnswersAsync("/health/ready", BaseAddress, TimeSpan.FromSeconds(120));
        var options = new MarketDataClientOptions { InitialReconnectDelay = TimeSpan.FromMilliseconds(200), MaxReconnectDelay = TimeSpan.FromSeconds(2) };
        using var client = new MarketDataClient(BaseAddress, options);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var updates = new List<CandleUpdate>();
        DateTimeOffset? restartedAfter = null;
        await foreach (var update in client.StreamCandlesAsync("AAPL", "1Min", limit: 500, bound.Token))
        {
            updates.Add(update);
            var live = updates.Count(u => !u.IsHistory);
            if (restartedAfter is null && live == 2)
            {
                restartedAfter = update.Candle.Timestamp;
                _gateway.Kill();
                await _gateway.WaitForExitAsync(TimeSpan.FromSeconds(30));
                _gateway.Dispose();
                _gateway = new GatewayProcess(_environment);
            }
            // Well past the restart: the outage's minutes came from the history, then (unless the restart was slow) live ones.
            if (restartedAfter is { } mark && update.Candle.Timestamp >= mark.AddMinutes(20))
                break;
        }

        Assert.All(updates.SkipWhile(u => u.IsHistory), u => Assert.False(u.IsHistory));
        var times = updates.Where(u => !u.Replaces).Select(u => u.Candle.Timestamp).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(times.Count, times.Distinct().Count());

        // The restarted gateway's own history says which minutes exist: each was yielded, none twice.
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var served = (await http.GetFromJsonAsync<JsonElement>("/api/symbols/AAPL/historical?limit=1000")).GetProperty("data")
            .EnumerateArray().Select(b => DateTimeOffset.Parse(b.GetProperty("timestamp").GetString()!))
            .Where(t => t >= times[0] && t <= times[^1]).ToList();
        Assert.Equal(served, times);
    }

    public void Dispose() => _gateway.Dispose();
}
