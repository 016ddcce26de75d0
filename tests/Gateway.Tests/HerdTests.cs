using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// A reconnect herd: readers whose symbols are still loading wait for their history rather than being sent an error,
/// and a gateway with too many readers waiting refuses one more at once with 1013 (socket) or 503 (REST) and a retry
/// hint. Each gateway runs at a pinned market time (<see cref="MarketTime.RegularHours"/>, the factory's default).
/// </summary>
public sealed class HerdTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Socket_whose_symbol_is_still_loading_waits_and_gets_its_history()
    {
        var loading = new LoadingSymbolCalls();
        await using var gateway = new GatewayFactory(services: services => services.AddSingleton<IIncomingGrainCallFilter>(loading));
        loading.LoadingFor("JPM", 3);

        await using var client = await SocketClient.ConnectAsync(gateway.SocketUri("/ws/candles/JPM?timeframe=1Min&limit=5"));
        var first = await client.ReceiveAsync(Wait);

        Assert.NotNull(first);
        Assert.Equal("historical", first.Value.GetProperty("type").GetString());
        Assert.Equal(5, first.Value.GetProperty("data").GetArrayLength());
        Assert.Equal(3, loading.Answered);
        Assert.NotNull(await client.ReceiveTypeAsync("bar", Wait));
    }

    [Fact]
    public async Task Socket_whose_history_stays_loading_past_the_wait_limit_is_closed_with_1013_and_a_retry_hint()
    {
        var loading = new LoadingSymbolCalls();
        await using var gateway = new GatewayFactory(
            new Dictionary<string, string?> { ["Gateway:HistoryWaitLimit"] = "00:00:03", ["Gateway:RetryAfter"] = "00:00:07" },
            services: services => services.AddSingleton<IIncomingGrainCallFilter>(loading));
        loading.LoadingFor("JPM", int.MaxValue);

        await using var client = await SocketClient.ConnectAsync(gateway.SocketUri("/ws/candles/JPM?timeframe=1Min&limit=5"));
        var messages = await client.ReceiveUntilClosedAsync(Wait);

        var error = Assert.Single(messages);
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Contains("still loading", error.GetProperty("message").GetString());
        Assert.Equal(7, error.GetProperty("retryAfter").GetInt32());
        Assert.Equal((WebSocketCloseStatus)1013, client.CloseStatus);
        Assert.True(loading.Answered > 1, "the gateway asked once and gave up");
    }

    [Fact]
    public async Task Readers_beyond_the_queue_bound_are_refused_at_once_with_1013_or_503_and_a_retry_hint()
    {
        var held = new HeldSymbolCalls("AAPL");
        await using var gateway = new GatewayFactory(
            new Dictionary<string, string?> { ["Gateway:MaxWaitingForHistory"] = "1", ["Gateway:RetryAfter"] = "00:00:09" },
            services: services => services.AddSingleton<IIncomingGrainCallFilter>(held));
        using var http = gateway.CreateHttpClient();

        // The one place in the queue: a socket waiting for AAPL's history.
        await using var waiting = await SocketClient.ConnectAsync(gateway.SocketUri("/ws/candles/AAPL?timeframe=1Min&limit=5"));
        await held.Holding.WaitAsync(Wait);

        await using var refused = await SocketClient.ConnectAsync(gateway.SocketUri("/ws/candles/MSFT?timeframe=1Min&limit=5"));
        var error = Assert.Single(await refused.ReceiveUntilClosedAsync(Wait));
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal(9, error.GetProperty("retryAfter").GetInt32());
        Assert.Equal((WebSocketCloseStatus)1013, refused.CloseStatus);

        using var response = await http.GetAsync("/api/symbols/MSFT/latest");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(9), response.Headers.RetryAfter?.Delta);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("retry in 9 s", body.GetProperty("error").GetString());

        // The waiting socket gets its history once the load ends, and its place is free again.
        held.Release();
        var history = await waiting.ReceiveAsync(Wait);
        Assert.Equal("historical", history?.GetProperty("type").GetString());
        await Eventually.UntilAsync(async () => (await http.GetAsync("/api/symbols/MSFT/latest")).StatusCode == HttpStatusCode.OK,
            "MSFT served once the waiting socket has its history");
    }

    [Fact]
    public async Task Rest_read_of_a_symbol_still_loading_is_a_503_with_retry_after()
    {
        var loading = new LoadingSymbolCalls();
        await using var gateway = new GatewayFactory(
            new Dictionary<string, string?> { ["Gateway:RetryAfter"] = "00:00:04" },
            services: services => services.AddSingleton<IIncomingGrainCallFilter>(loading));
        using var http = gateway.CreateHttpClient();
        loading.LoadingFor("JPM", 1);

        using var response = await http.GetAsync("/api/symbols/JPM/latest");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(4), response.Headers.RetryAfter?.Delta);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("still loading", body.GetProperty("error").GetString());
    }
}
