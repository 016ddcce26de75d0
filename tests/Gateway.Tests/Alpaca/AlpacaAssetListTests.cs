using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Gateway.Admission;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>
/// Alpaca's asset list decides which symbols exist (docs/operations.md, "Unknown symbols"): once a silo has it, a
/// symbol it does not name is refused without a bars request upstream; without it, every symbol may exist, as before.
/// The gateway and the fake run in regular hours (AlpacaGateway's default).
/// </summary>
public sealed class AlpacaAssetListTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_symbol_the_asset_list_does_not_name_is_refused_without_a_bars_request_upstream()
    {
        await using var alpaca = await AlpacaGateway.StartAsync(upstreamSetUp: upstream => upstream.ListedSymbols = ["AAPL", "MSFT", "TSLA"]);
        using var http = alpaca.Gateway.CreateHttpClient();
        var health = await Eventually.ValueAsync(() => http.GetFromJsonAsync<JsonElement>("/api/health"),
            h => h.TryGetProperty("listed_symbols", out var count) && count.GetInt32() == 3, h => $"the asset list in health: {h}");
        Assert.True(health.TryGetProperty("listed_at", out _), $"{health}");

        using (var rest = await http.GetAsync("/api/symbols/ZZLIST1/latest"))
        {
            Assert.Equal(HttpStatusCode.NotFound, rest.StatusCode);
            Assert.Contains("unknown symbol 'ZZLIST1'", await rest.Content.ReadAsStringAsync());
        }
        await using (var socket = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri("/ws/candles/ZZLIST2?timeframe=1Min&limit=5")))
        {
            var error = Assert.Single(await socket.ReceiveUntilClosedAsync(Wait));
            Assert.Contains("unknown symbol 'ZZLIST2'", error.GetProperty("message").GetString());
            Assert.Equal((WebSocketCloseStatus)4404, socket.CloseStatus);
        }

        // A listed symbol is served, from bars asked for upstream: the count below would see the others'.
        var latest = await Eventually.ValueAsync(async () => (await http.GetAsync("/api/symbols/AAPL/latest")).StatusCode,
            status => status != HttpStatusCode.ServiceUnavailable, status => $"AAPL's latest bar ({status})");
        Assert.Equal(HttpStatusCode.OK, latest);
        Assert.Contains(alpaca.Upstream.BarQueries, q => q.Symbols.Contains("AAPL"));
        Assert.DoesNotContain(alpaca.Upstream.BarQueries, q => q.Symbols.Contains("ZZLIST1") || q.Symbols.Contains("ZZLIST2"));
        Assert.Equal(1, alpaca.Upstream.AssetRequests);
    }

    [Fact]
    public async Task Without_an_asset_list_every_symbol_may_exist_and_the_list_is_not_asked_for_again_at_every_symbol()
    {
        // The fake answers 404 for the list unless a test sets it.
        await using var alpaca = await AlpacaGateway.StartAsync();
        using var http = alpaca.Gateway.CreateHttpClient();

        foreach (var symbol in new[] { "AAPL", "MSFT", "TSLA" })
        {
            var status = await Eventually.ValueAsync(async () => (await http.GetAsync($"/api/symbols/{symbol}/latest")).StatusCode,
                s => s != HttpStatusCode.ServiceUnavailable, s => $"{symbol}'s latest bar ({s})");
            Assert.Equal(HttpStatusCode.OK, status);
        }
        // One with no bars at all is found unknown by its grain's load.
        var unknown = await Eventually.ValueAsync(async () => (await http.GetAsync("/api/symbols/ZZTOP/latest")).StatusCode,
            s => s != HttpStatusCode.ServiceUnavailable, s => $"ZZTOP's answer ({s})");
        Assert.Equal(HttpStatusCode.NotFound, unknown);

        var health = await http.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.False(health.TryGetProperty("listed_symbols", out _), $"{health}");
        Assert.Equal(1, alpaca.Upstream.AssetRequests);
        // "May exist" is not remembered as "known" (a list arriving later decides); a grain's "unknown" is.
        Assert.Equal(1, alpaca.Gateway.Services.GetRequiredService<KnownSymbols>().Count);
    }
}
