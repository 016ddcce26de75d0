using System.Globalization;
using System.Net;
using System.Text.Json;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>Requests against a gateway's Alpaca-compatible REST, read the way a client reads them.</summary>
public static class AlpacaRest
{
    public static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static async Task<JsonElement> GetJsonAsync(HttpClient http, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Waits until the symbol's history has loaded on the gateway, retrying its "still loading; retry shortly" 503 as a
    /// client does: a deep history takes a while on a busy machine.
    /// </summary>
    public static Task WaitUntilLoadedAsync(HttpClient http, string symbol) =>
        Testing.Eventually.UntilAsync(async () => (await http.GetAsync($"/api/symbols/{symbol}/latest")).StatusCode == HttpStatusCode.OK,
            $"{symbol}'s history loaded at {http.BaseAddress}");

    /// <summary>Expects an Alpaca error body; returns its message after checking that the code matches the status.</summary>
    public static async Task<string> GetErrorAsync(HttpClient http, string path, HttpStatusCode expected)
    {
        var body = await GetJsonAsync(http, path, expected);
        Assert.Equal(["code", "message"], body.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal((int)expected * 100_000 + 10_000, body.GetProperty("code").GetInt32());
        var message = body.GetProperty("message").GetString()!;
        Assert.DoesNotContain("   at ", message);
        return message;
    }

    public static List<RestBar> Bars(JsonElement array) => array.EnumerateArray().Select(RestBar.Parse).ToList();

    /// <summary>Follows next_page_token to the end; returns every page's bars per symbol, in arrival order, and the page count.</summary>
    public static async Task<(List<(string Symbol, RestBar Bar)> Bars, List<int> PageSizes)> ReadAllPagesAsync(HttpClient http, string pathAndQuery)
    {
        var all = new List<(string, RestBar)>();
        var sizes = new List<int>();
        string? token = null;
        do
        {
            var page = await GetJsonAsync(http, token is null ? pathAndQuery : $"{pathAndQuery}&page_token={Uri.EscapeDataString(token)}");
            var size = 0;
            foreach (var symbol in page.GetProperty("bars").EnumerateObject())
            {
                foreach (var bar in Bars(symbol.Value)) all.Add((symbol.Name, bar));
                size += symbol.Value.GetArrayLength();
            }
            sizes.Add(size);
            token = page.GetProperty("next_page_token").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next_page_token").GetString();
            Assert.True(sizes.Count < 1000, "paging did not end");
        } while (token is not null);
        return (all, sizes);
    }

    /// <summary>The seed API's history of a symbol, oldest first.</summary>
    public static async Task<List<RestBar>> SeedHistoryAsync(HttpClient http, string symbol, string timeframe, int limit)
    {
        var body = await GetJsonAsync(http, $"/api/symbols/{symbol}/historical?timeframe={timeframe}&limit={limit}");
        return body.GetProperty("data").EnumerateArray().Select(RestBar.FromSeedApi).ToList();
    }

    /// <summary>The two most recent trading days that ended before the market's current time, newest first, from /v2/calendar.</summary>
    public static async Task<(DateOnly Latest, DateOnly Before)> PastTradingDaysAsync(HttpClient http)
    {
        var clock = await GetJsonAsync(http, "/v2/clock");
        var now = DateTimeOffset.Parse(clock.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(now.DateTime);
        var days = (await GetJsonAsync(http, $"/v2/calendar?start={today.AddDays(-14):yyyy-MM-dd}&end={today.AddDays(-1):yyyy-MM-dd}"))
            .EnumerateArray().Select(d => DateOnly.ParseExact(d.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture))
            .ToList();
        return (days[^1], days[^2]);
    }
}
