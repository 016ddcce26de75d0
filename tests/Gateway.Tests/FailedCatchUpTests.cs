using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Grains;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// A catch-up from the grain's history can fail (the grain is busy with a call that gets no answer). Batches
/// that arrive meanwhile must not become the sockets' seam, or the candles before them are never sent.
/// </summary>
public sealed class FailedCatchUpTests : IAsyncLifetime
{
    private readonly FailingSymbolCalls _failingHistory = new(nameof(ISymbolGrain.GetHistory));
    private readonly FailingDeliveries _failingDeliveries = new();
    private readonly GatewayFactory _factory;

    public FailedCatchUpTests()
    {
        _factory = new GatewayFactory(
            new Dictionary<string, string?> { ["Gateway:SymbolCheckInterval"] = "00:00:01" },
            services: services => services
                .AddSingleton<IIncomingGrainCallFilter>(_failingHistory)
                .AddSingleton<IOutgoingGrainCallFilter>(_failingDeliveries));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Sockets_miss_no_bar_when_catching_up_after_lost_batches_fails_for_a_while()
    {
        await using var client = await SocketClient.ConnectAsync(_factory.SocketUri("/ws/candles/JPM?limit=5"));
        var bars = await MinuteContinuity.StartAsync(_factory, client, "JPM");

        // Batches lost on the way make the gateway catch up, and its first three catch-ups fail; batches keep
        // arriving meanwhile (one a second, the check-ins too).
        _failingHistory.FailNext("JPM", 3);
        _failingDeliveries.FailNext(2);
        await bars.ReadMinutesAsync(20);

        await bars.AssertMatchesServerHistoryAsync();
        // The catch-up was retried, so the failures held back batches rather than ending at once.
        Assert.Equal(3, _failingHistory.Refused);
        Assert.Contains(_factory.Logs.Lines, l => l.Contains("Catching up JPM sockets from the grain's history failed"));
    }
}
