using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Health;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c> (Hosting/Health/) on a cluster of processes: redis-server, a silo
/// serving them on its metrics port, and a gateway; then Redis stops and both turn not ready while staying live.
/// </summary>
public sealed class HealthProbeTests : IDisposable
{
    private readonly RedisProcess _redis;
    private readonly GatewayProcess _silo;
    private readonly GatewayProcess _gateway;
    private readonly int _siloMetricsPort = GatewayFactory.FreePort();
    private bool _redisStopped;

    public HealthProbeTests()
    {
        _redis = RedisProcess.StartAsync().GetAwaiter().GetResult();
        var environment = new Dictionary<string, string>
        {
            ["Cluster__Mode"] = "Redis",
            ["Cluster__Redis"] = _redis.ConnectionString,
            ["Cluster__ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
            ["BarStore__Provider"] = "None",
            ["MarketData__Simulator__StartTime"] = MarketTime.Text(MarketTime.RegularHours),
            ["MarketData__Simulator__WallClockAnchor"] = MarketTime.Text(DateTimeOffset.UtcNow),
        };
        _silo = GatewayProcess.Silo(new Dictionary<string, string>(environment) { ["Telemetry__MetricsPort"] = _siloMetricsPort.ToString() });
        _gateway = new GatewayProcess(environment);
    }

    [Fact]
    public async Task Silo_and_gateway_are_ready_with_cluster_and_redis_checks_and_not_ready_but_live_once_redis_stops()
    {
        var silo = new Uri($"http://127.0.0.1:{_siloMetricsPort}");
        await _silo.WaitUntilAnswersAsync("/health/ready", silo, TimeSpan.FromSeconds(120));
        await _gateway.WaitUntilAnswersAsync("/health/ready", bound: TimeSpan.FromSeconds(120));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        foreach (var process in new[] { silo, _gateway.BaseAddress })
        {
            var ready = await http.GetFromJsonAsync<JsonElement>(new Uri(process, "/health/ready"));
            Assert.Equal("healthy", ready.GetProperty("status").GetString());
            var checks = ready.GetProperty("checks");
            Assert.Equal("healthy", checks.GetProperty("orleans-cluster").GetProperty("status").GetString());
            Assert.Equal("healthy", checks.GetProperty("redis").GetProperty("status").GetString());
            Assert.Equal("healthy", checks.GetProperty("bar-store").GetProperty("status").GetString());
            Assert.False(checks.TryGetProperty("self", out _), "liveness is not a readiness check");
            var live = await http.GetFromJsonAsync<JsonElement>(new Uri(process, "/health/live"));
            Assert.Equal(["self"], live.GetProperty("checks").EnumerateObject().Select(p => p.Name));
        }
        // The silo's metrics are still on the same port.
        Assert.Contains("# TYPE", await http.GetStringAsync(new Uri(silo, "/metrics")));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(silo, "/health/other"))).StatusCode);

        _redis.Dispose();
        _redisStopped = true;
        foreach (var process in new[] { silo, _gateway.BaseAddress })
        {
            var body = await Eventually.ValueAsync(
                async () => await http.GetAsync(new Uri(process, "/health/ready")),
                response => response.StatusCode == HttpStatusCode.ServiceUnavailable,
                response => $"{process}health/ready answering 503 once Redis stopped (last: {response?.StatusCode})");
            var ready = await body.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("unhealthy", ready.GetProperty("status").GetString());
            var redis = ready.GetProperty("checks").GetProperty("redis");
            Assert.Equal("unhealthy", redis.GetProperty("status").GetString());
            // The connection's exception (host and port) stays out of the answer.
            Assert.DoesNotContain(_redis.Port.ToString(), await body.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(process, "/health/live"))).StatusCode);
        }
    }

    public void Dispose()
    {
        _gateway.Dispose();
        _silo.Dispose();
        if (!_redisStopped) _redis.Dispose();
    }
}
