using System.Net;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>
/// The Alpaca-compatible REST on a gateway that is a pure Orleans client: bars, the clock and the calendar come
/// through grain calls to a silo process (which also proves the new grain types serialize), none from the gateway.
/// </summary>
public sealed class AlpacaClusterModeTests
{
    [Fact]
    public async Task Pure_client_gateway_serves_bars_clock_and_calendar_from_the_silo()
    {
        using var redis = await RedisProcess.StartAsync();
        await using var postgres = await PostgresServer.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["Cluster__Mode"] = "Redis",
            ["Cluster__Redis"] = redis.ConnectionString,
            ["BarStore__Postgres__ConnectionString"] = await postgres.CreateDatabaseAsync(),
            ["Cluster__ClusterId"] = "alpaca-" + Guid.NewGuid().ToString("N")[..8],
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
            // 10:00 New York time on the day before Thanksgiving 2025, one market minute per wall-clock second.
            ["MarketData__Simulator__Speed"] = "60",
            ["MarketData__Simulator__StartTime"] = "2025-11-26T15:00:00Z",
            ["MarketData__Simulator__WallClockAnchor"] = MarketTime.Text(DateTimeOffset.UtcNow),
            // Shallow caches, so that older ranges go through the archive grain on the silo.
            ["MarketData__History__Day1"] = "30",
        };
        using var silo = GatewayProcess.Silo(environment);
        using var gateway = new GatewayProcess(environment);
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilReadyAsync(gateway, silo);

        var clock = await GetJsonAsync(http, "/v2/clock");
        Assert.True(clock.GetProperty("is_open").GetBoolean());
        Assert.StartsWith("2025-11-26T", clock.GetProperty("timestamp").GetString());
        Assert.Equal("2025-11-26T16:00:00-05:00", clock.GetProperty("next_close").GetString());
        Assert.Equal("2025-11-28T09:30:00-05:00", clock.GetProperty("next_open").GetString());

        var calendar = (await GetJsonAsync(http, "/v2/calendar?start=2025-11-26&end=2025-11-28")).EnumerateArray().ToList();
        Assert.Equal(["2025-11-26", "2025-11-28"], calendar.Select(d => d.GetProperty("date").GetString()!).ToArray());
        Assert.Equal("13:00", calendar[1].GetProperty("close").GetString());

        var seed = await SeedHistoryAsync(http, "AAPL", "5Min", 100);
        var bars = Bars((await GetJsonAsync(http,
            $"/v2/stocks/AAPL/bars?timeframe=5Min&start={Rfc3339(seed[0].Time)}&end={Rfc3339(seed[^2].Time)}&limit=10000")).GetProperty("bars"));
        Assert.Equal(seed[..^1].Select(b => b.Values), bars.Select(b => b.Values));

        var older = await GetJsonAsync(http, "/v2/stocks/bars?symbols=MSFT,AAPL&timeframe=1Day&start=2020-01-01&end=2020-03-31&limit=100");
        Assert.Equal(["AAPL", "MSFT"], older.GetProperty("bars").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.InRange(older.GetProperty("bars").GetProperty("MSFT").GetArrayLength(), 1, 100);
        Assert.Equal(100, older.GetProperty("bars").EnumerateObject().Sum(p => p.Value.GetArrayLength()));

        var latest = await GetJsonAsync(http, "/v2/stocks/bars/latest?symbols=AAPL,MSFT");
        Assert.Equal(2, latest.GetProperty("bars").EnumerateObject().Count());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v2/stocks/ZZZZ/bars/latest")).StatusCode);
    }

    private static async Task WaitUntilReadyAsync(GatewayProcess gateway, GatewayProcess silo)
    {
        await gateway.WaitUntilAnswersAsync("/health/ready", bound: TimeSpan.FromSeconds(120));
        Assert.False(silo.HasExited, "the silo exited:\n" + silo.Output);
    }
}
