using System.Net.Http.Json;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests;

public sealed class RestartTests
{
    private static readonly Dictionary<string, string?> PinnedClock = new()
    {
        ["MarketData:Simulator:Speed"] = "1",
        ["MarketData:Simulator:StartTime"] = "2025-11-26T16:00:00Z",
    };

    [Fact]
    public async Task History_is_identical_across_restarts()
    {
        var before = await FetchAsync();
        var after = await FetchAsync();
        foreach (var (path, bars) in before)
        {
            // The newest bar of a timeframe may still be forming; every bar before it is final.
            Assert.True(bars.Length > 100, path);
            Assert.Equal(bars[..^1], after[path][..^1]);
        }
    }

    private static async Task<Dictionary<string, string[]>> FetchAsync()
    {
        await using var factory = new GatewayFactory(PinnedClock);
        using var http = factory.CreateHttpClient();
        var result = new Dictionary<string, string[]>();
        foreach (var path in new[] { "/api/symbols/TSLA/historical?timeframe=1Min&limit=1000", "/api/symbols/TSLA/historical?timeframe=1Day&limit=800" })
        {
            var body = await http.GetFromJsonAsync<JsonElement>(path);
            result[path] = body.GetProperty("data").EnumerateArray().Select(b => b.GetRawText()).ToArray();
        }
        return result;
    }
}
