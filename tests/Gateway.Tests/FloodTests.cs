using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Gateway.Admission;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Grains;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// A flood of unknown symbols is refused without a symbol grain for each: the simulator's universe decides (asked once
/// per symbol, and remembered within a bound), on the candle endpoints and the Alpaca-compatible bar endpoints alike.
/// The gateway runs at a pinned market time (the factory's default).
/// </summary>
public sealed class FloodTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Unknown_symbols_are_refused_without_calling_a_symbol_grain()
    {
        var calls = new SymbolCalls();
        await using var gateway = new GatewayFactory(services: services => services.AddSingleton<IIncomingGrainCallFilter>(calls));
        using var http = gateway.CreateHttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/symbols/ZZZQ/latest")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/symbols/ZZZR/historical?timeframe=1Min&limit=5")).StatusCode);
        await using var client = await SocketClient.ConnectAsync(gateway.SocketUri("/ws/candles/ZZZS?timeframe=1Min&limit=5"));
        var messages = await client.ReceiveUntilClosedAsync(Wait);

        Assert.Contains("unknown symbol 'ZZZS'", Assert.Single(messages).GetProperty("message").GetString());
        Assert.Equal((WebSocketCloseStatus)4404, client.CloseStatus);
        foreach (var symbol in new[] { "ZZZQ", "ZZZR", "ZZZS" })
        {
            foreach (var method in new[] { nameof(ISymbolGrain.GetLatest), nameof(ISymbolGrain.GetHistory), nameof(ISymbolGrain.Watch) })
                Assert.Equal(0, calls.Count(symbol, method));
        }
        // Known symbols still reach their grain.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/symbols/AAPL/latest")).StatusCode);
        Assert.Equal(1, calls.Count("AAPL", nameof(ISymbolGrain.GetLatest)));
        Assert.Equal(4, gateway.Services.GetRequiredService<KnownSymbols>().Count);
    }

    [Fact]
    public async Task Unknown_symbols_on_the_alpaca_bar_endpoints_are_left_out_without_calling_a_symbol_grain()
    {
        var calls = new SymbolCalls();
        await using var gateway = new GatewayFactory(services: services => services.AddSingleton<IIncomingGrainCallFilter>(calls));
        using var http = gateway.CreateHttpClient();

        using (var bars = await http.GetAsync("/v2/stocks/bars?timeframe=1Min&limit=5&symbols=ZZVA,AAPL,ZZVB"))
        {
            Assert.Equal(HttpStatusCode.OK, bars.StatusCode);
            var series = (await bars.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bars");
            Assert.Equal(new[] { "AAPL" }, series.EnumerateObject().Select(p => p.Name));
        }
        using (var latest = await http.GetAsync("/v2/stocks/bars/latest?symbols=ZZVC,AAPL"))
        {
            Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
            Assert.Equal(new[] { "AAPL" }, (await latest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bars").EnumerateObject().Select(p => p.Name));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v2/stocks/ZZVD/bars/latest")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v2/stocks/ZZVE/bars?timeframe=1Min")).StatusCode);

        foreach (var symbol in new[] { "ZZVA", "ZZVB", "ZZVC", "ZZVD", "ZZVE" })
        {
            foreach (var method in new[] { nameof(ISymbolGrain.WarmUp), nameof(ISymbolGrain.GetBars), nameof(ISymbolGrain.GetLatest) })
                Assert.Equal(0, calls.Count(symbol, method));
        }
        Assert.True(calls.Count("AAPL", nameof(ISymbolGrain.GetBars)) > 0);
    }
}
