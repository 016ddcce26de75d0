using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansMarketData.Bench.Soak;

/// <summary>
/// At the end of the run, each symbol's newest 1-minute bar as its grain holds it (<c>GET /api/symbols/{s}/latest</c>
/// through the load balancer), against the newest bar due by the clock: it tells whether bars that missed the
/// sockets also missed the grain (feed to grain) or only the sockets (grain to gateway).
/// </summary>
public static class SymbolProbe
{
    public sealed record Result(string Symbol, DateTimeOffset? GrainNewest, DateTimeOffset? Due, string? Error);

    public static async Task<IReadOnlyList<Result>> ProbeAsync(Uri socketUrl, IReadOnlyList<string> symbols, TradingMinutes minutes, SimulatedTimeline timeline, string keyQuery)
    {
        var http = new UriBuilder(socketUrl) { Scheme = socketUrl.Scheme == "wss" ? "https" : "http" }.Uri;
        using var client = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromSeconds(10) };
        var results = new List<Result>();
        foreach (var symbol in symbols)
        {
            var due = minutes.LatestAtOrBefore(symbol, timeline.NewestDueMinute(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(3)));
            try
            {
                var latest = await client.GetFromJsonAsync<JsonElement>($"/api/symbols/{Uri.EscapeDataString(symbol)}/latest?{keyQuery}");
                results.Add(new(symbol, latest.GetProperty("timestamp").GetDateTimeOffset().ToUniversalTime(), due, null));
            }
            catch (Exception ex)
            {
                results.Add(new(symbol, null, due, ex.GetBaseException().Message));
            }
        }
        return results;
    }
}
