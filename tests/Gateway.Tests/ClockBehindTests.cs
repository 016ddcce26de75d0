using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Grains;
using OrleansMarketData.Model;
using OrleansMarketData.Symbols;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// A symbol grain activated anew on a silo whose clock is behind its predecessor's: its versions, taken from that
/// clock, would be below those the gateway already has, and the gateway would drop its batches as old until the clock
/// passed them. The gateway's check-in gives the grain the newest version it has, and the grain's versions stay above
/// it (docs/architecture.md, "Versions and epochs").
/// </summary>
public sealed class ClockBehindTests : IAsyncLifetime
{
    private readonly ShiftedTime _versionTime = new();
    private readonly GatewayFactory _factory;

    public ClockBehindTests()
    {
        _factory = new GatewayFactory(
            new Dictionary<string, string?> { ["Gateway:SymbolCheckInterval"] = "00:00:01" },
            services: services => services.AddSingleton(new VersionClock(_versionTime)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Grain_activated_anew_with_its_clock_a_day_behind_still_reaches_an_existing_socket()
    {
        await using var client = await SocketClient.ConnectAsync(_factory.SocketUri("/ws/candles/NVDA?limit=5"));
        var bars = await MinuteContinuity.StartAsync(_factory, client, "NVDA");

        var grain = _factory.Services.GetRequiredService<IClusterClient>().GetGrain<ISymbolGrain>("NVDA");
        var before = (await grain.GetHistory(Timeframe.Minute1, 1)).Epoch;

        // The next activation's clock is a day behind the one that sent the socket its bars so far.
        _versionTime.Shift = TimeSpan.FromDays(-1);
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await bars.ReadMinutesAsync(10);

        await bars.AssertMatchesServerHistoryAsync();
        // A new activation sent them, and its versions went on from the old ones rather than from its clock.
        var after = (await grain.GetHistory(Timeframe.Minute1, 1)).Epoch;
        Assert.True(after > before, $"epoch {after} after {before}");
    }

    /// <summary>The wall clock moved by <see cref="Shift"/>.</summary>
    private sealed class ShiftedTime : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}
