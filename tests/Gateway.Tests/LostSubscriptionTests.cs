using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Model;
using OrleansMarketData.Streams;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// The cluster may drop a gateway's stream subscription without telling it (a delivery failed while the gateway
/// moved to another silo). The gateway must notice and carry on with no gap.
/// </summary>
public sealed class LostSubscriptionTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly GatewayFactory _factory = new(new Dictionary<string, string?>
    {
        ["Gateway:SymbolCheckInterval"] = "00:00:01",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Gateway_whose_subscription_was_dropped_subscribes_anew_and_its_sockets_miss_no_bar()
    {
        await using var client = await SocketClient.ConnectAsync(_factory.SocketUri("/ws/candles/AMZN?limit=5"));
        var times = (await client.ReceiveAsync(Wait))!.Value.GetProperty("data").EnumerateArray().Select(Time).ToList();
        for (var i = 0; i < 2; i++) times.Add(Time(await client.ReceiveTypeAsync("bar", Wait) ?? throw new Xunit.Sdk.XunitException("no live bar")));

        var stream = _factory.Services.GetRequiredService<IClusterClient>()
            .GetStreamProvider(StreamNames.Provider).GetStream<CandleBatch>(StreamNames.CandleStream("AMZN"));
        var dropped = await stream.GetAllSubscriptionHandles();
        Assert.Single(dropped);
        await dropped[0].UnsubscribeAsync();
        var droppedAt = times[^1];

        while (times[^1] < droppedAt.AddMinutes(15))
            times.Add(Time(await client.ReceiveTypeAsync("bar", Wait) ?? throw new Xunit.Sdk.XunitException($"bars stopped after {times[^1]:O}")));

        // Every minute the server has from the history on was sent once, in order (extended hours have gaps).
        using var http = _factory.CreateHttpClient();
        var server = (await http.GetFromJsonAsync<JsonElement>("/api/symbols/AMZN/historical?limit=500"))
            .GetProperty("data").EnumerateArray().Select(Time).Where(t => t >= times[0] && t <= times[^1]);
        Assert.Equal(server, times);
        var current = await stream.GetAllSubscriptionHandles();
        Assert.Single(current);
        Assert.NotEqual(dropped[0].HandleId, current[0].HandleId);
    }

    private static DateTimeOffset Time(JsonElement bar) => DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!);
}
