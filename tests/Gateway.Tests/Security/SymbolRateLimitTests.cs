using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Security;

/// <summary>
/// A multi-symbol request counts once per symbol against the client's REST rate limit (docs/configuration.md): with
/// a burst of 200 and one request a second, one request naming 200 symbols leaves a client as far out of budget as
/// 200 requests do. The gateway runs at a pinned market time (the factory's default).
/// </summary>
public sealed class SymbolRateLimitTests
{
    private static readonly string[] KeyIds = ["SYMLIMIT0", "SYMLIMIT1"];
    private const string Secret = "symbol-limit-secret-8c2f";
    private const string OneSymbol = "/v2/stocks/bars/latest?symbols=AAPL";

    [Fact]
    public async Task A_request_naming_200_symbols_exhausts_the_budget_as_200_requests_do()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ClientAuth:Enabled"] = "true",
            ["ClientLimits:RequestsPerSecond"] = "1",
            ["ClientLimits:RequestBurst"] = "200",
        };
        for (var i = 0; i < KeyIds.Length; i++)
        {
            settings[$"ClientAuth:Keys:{i}:KeyId"] = KeyIds[i];
            settings[$"ClientAuth:Keys:{i}:Secret"] = Secret;
        }
        await using var gateway = new GatewayFactory(settings);
        using var singles = gateway.CreateHttpClient().WithClientKey(KeyIds[0], Secret);
        using var multi = gateway.CreateHttpClient().WithClientKey(KeyIds[1], Secret);

        // 200 requests of one symbol each: the whole burst.
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => singles.GetAsync(OneSymbol)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var afterSingles = await ServedUntilRefusedAsync(singles);
        var singlesTook = clock.Elapsed;

        // One request of 200 symbols (the unknown ones are left out of the answer, as at Alpaca).
        clock.Restart();
        var symbols = string.Join(',', Enumerable.Range(1, 199).Select(i => $"ZQ{i:D3}").Append("AAPL"));
        using (var answer = await multi.GetAsync("/v2/stocks/bars/latest?symbols=" + symbols))
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var afterMulti = await ServedUntilRefusedAsync(multi);
        var multiTook = clock.Elapsed;

        // Each client may only have what refilled meanwhile, a token a second; counted once, the 200-symbol request
        // would have left 199.
        Assert.True(afterSingles <= 2 + singlesTook.TotalSeconds, $"{afterSingles} more requests served after 200 in {singlesTook}");
        Assert.True(afterMulti <= 2 + multiTook.TotalSeconds, $"{afterMulti} more requests served after a 200-symbol request in {multiTook}");
    }

    /// <summary>Single-symbol requests until one is refused (at most 250): how many were served before it.</summary>
    private static async Task<int> ServedUntilRefusedAsync(HttpClient http)
    {
        for (var served = 0; served < 250; served++)
        {
            using var response = await http.GetAsync(OneSymbol);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                continue;
            }
            Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {response.Headers.RetryAfter}");
            var error = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("once per symbol", error.GetProperty("message").GetString());
            return served;
        }
        Assert.Fail($"250 requests in a row were served after the burst of 200 was spent");
        return 0;
    }
}
