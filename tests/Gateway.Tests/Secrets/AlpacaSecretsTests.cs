using System.Net;
using System.Security.Cryptography;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Alpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Secrets;

/// <summary>
/// The upstream Alpaca key id and secret, fresh random values per run, go through the whole Alpaca flow — history,
/// live bars to a socket client, the Alpaca-compatible endpoints and stream, an upstream that refuses the keys, one
/// that fails with 500 and echoes the request's headers, refused stream logins (one echoing the keys) — and appear in no log entry at
/// Trace level (message, exception, structured values), no response body and no response header.
/// </summary>
public sealed class AlpacaSecretsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Upstream_keys_never_appear_in_logs_responses_or_exceptions()
    {
        var keyId = "PK" + RandomNumberGenerator.GetHexString(18);
        var secret = RandomNumberGenerator.GetHexString(40, lowercase: true);
        await using var alpaca = await AlpacaGateway.StartAsync(secret, keyId: keyId, acceptedSecret: secret, settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Alpaca:MaxReconnectDelay"] = "00:00:01",
        });
        var seen = new List<string>();
        using var http = alpaca.Gateway.CreateHttpClient();

        // The healthy flow: history, a live bar to a socket client, every REST route, the Alpaca stream.
        await using (var client = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri("/ws/candles/AAPL?timeframe=1Min&limit=5")))
        {
            Assert.Equal("historical", (await client.ReceiveAsync(Wait))?.GetProperty("type").GetString());
            await alpaca.WaitUntilSubscribedAsync("AAPL");
            alpaca.Upstream.Publish("AAPL", alpaca.NextMinute("AAPL", alpaca.LastHistoryMinute("AAPL")));
            seen.Add((await client.ReceiveTypeAsync("bar", Wait))?.ToString() ?? throw new Xunit.Sdk.XunitException("no live bar"));
        }
        foreach (var path in new[]
        {
            "/api/symbols/AAPL/historical?timeframe=5Min&limit=5", "/api/symbols/AAPL/latest", "/api/health",
            "/v2/stocks/AAPL/bars?timeframe=1Min&limit=5", "/v2/stocks/bars?symbols=AAPL,MSFT&timeframe=1Day",
            "/v2/stocks/AAPL/bars/latest", "/v2/stocks/bars/latest?symbols=AAPL,MSFT", "/v2/clock", "/v2/calendar?start=2024-01-01&end=2024-01-10",
        })
        {
            Assert.True(await GetAsync(http, path, seen) == HttpStatusCode.OK, $"{path}: {seen[^1]}");
        }
        await using (var stream = await AlpacaApi.AlpacaStreamClient.ConnectAsync(alpaca.Gateway.SocketUri("/v2/iex")))
        {
            await stream.SendAsync("""{"action":"auth","key":"client-key","secret":"client-secret"}""");
            await stream.SendAsync("""{"action":"subscribe","bars":["AAPL"]}""");
            for (var i = 0; i < 3; i++) seen.Add((await stream.ReceiveAsync(Wait))?.ToString() ?? "");
        }

        // The upstream fails with 500 and puts the request's headers, keys included, into its error message.
        alpaca.Upstream.FailRestEchoingHeaders = true;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await GetAsync(http, "/api/symbols/NVDA/historical", seen));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await GetAsync(http, "/v2/stocks/GOOGL/bars?timeframe=1Min", seen));
        Assert.True(alpaca.Upstream.EchoedHeaderErrors > 0, "the upstream never echoed the headers");
        alpaca.Upstream.FailRestEchoingHeaders = false;

        // The upstream refuses the keys: REST with 403, and the stream's login (after its connections drop) with 402.
        alpaca.Upstream.AcceptedSecret = "another-" + secret[..8];
        alpaca.Upstream.DropAllConnections();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await GetAsync(http, "/api/symbols/TSLA/historical", seen));
        await Eventually.UntilAsync(async () =>
        {
            await GetAsync(http, "/api/health", seen);
            return seen[^1].Contains("auth failed (402)");
        }, "health reporting the refused login (402)");

        // The stream refuses the login with an error of its own that repeats the key and secret.
        alpaca.Upstream.AcceptedSecret = secret;
        alpaca.Upstream.RefuseStreamEchoingKeys = true;
        await Eventually.UntilAsync(async () =>
        {
            await GetAsync(http, "/api/health", seen);
            return seen[^1].Contains("(499)");
        }, "health reporting the login refused with 499");

        var logs = alpaca.Gateway.Logs.Lines.Concat(alpaca.Gateway.Logs.StructuredValues).ToList();
        Assert.Contains(logs, l => l.Contains("Alpaca REST") && l.Contains("(500)"));
        foreach (var value in new[] { keyId, secret })
        {
            Assert.DoesNotContain(seen, s => s.Contains(value));
            Assert.DoesNotContain(logs, l => l.Contains(value));
        }
    }

    /// <summary>Status, headers and body of the answer, kept for the leak check.</summary>
    private static async Task<HttpStatusCode> GetAsync(HttpClient http, string path, List<string> seen)
    {
        using var response = await http.GetAsync(path);
        var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
        seen.Add($"{path} {(int)response.StatusCode}\n{headers}\n{await response.Content.ReadAsStringAsync()}");
        return response.StatusCode;
    }
}
