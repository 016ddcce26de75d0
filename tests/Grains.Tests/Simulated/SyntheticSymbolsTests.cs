using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansMarketData.Calendar;
using OrleansMarketData.Sources.Simulated;
using Xunit;

namespace OrleansMarketData.Tests.Simulated;

public sealed class SyntheticSymbolsTests
{
    [Fact]
    public void Synthetic_tickers_exist_only_up_to_the_configured_count()
    {
        Assert.Equal("SYN00001", SyntheticSymbols.Name(1));
        Assert.NotNull(SymbolUniverse.Find("SYN00001", 100));
        Assert.NotNull(SymbolUniverse.Find("SYN00100", 100));
        Assert.Null(SymbolUniverse.Find("SYN00101", 100));
        Assert.Null(SymbolUniverse.Find("SYN00000", 100));
        Assert.Null(SymbolUniverse.Find("SYN00001", 0));
        Assert.Null(SymbolUniverse.Find("SYN1", 100));
        Assert.Null(SymbolUniverse.Find("SYN0000A", 100));
        Assert.Equal("AAPL", SymbolUniverse.Find("AAPL", 0)?.Symbol);
    }

    [Fact]
    public void Synthetic_profiles_are_deterministic_and_plausible()
    {
        var profiles = Enumerable.Range(1, 1000).Select(i => SyntheticSymbols.Find(SyntheticSymbols.Name(i), 1000)!).ToList();
        Assert.All(profiles, p => Assert.InRange(p.BasePrice, 10, 500));
        Assert.All(profiles, p => Assert.InRange(p.DailyVolume, 1_000_000, 50_000_000));
        Assert.Equal(profiles.Count, profiles.Select(p => p.Seed).Distinct().Count());
        Assert.Equal(profiles[41], SyntheticSymbols.Find("SYN00042", 1000));
    }

    [Fact]
    public async Task Simulated_source_knows_synthetic_tickers_when_configured()
    {
        var calendar = new NyseCalendar();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 10, 15, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new SimulatorOptions { SyntheticSymbols = 5 });
        var source = new SimulatedSource(new SimulatedMarket(calendar), new SimulatedClock(time, options, calendar), calendar,
            time, NullLogger<SimulatedSource>.Instance, options);

        Assert.True(await source.IsKnownSymbolAsync("SYN00005", CancellationToken.None));
        Assert.False(await source.IsKnownSymbolAsync("SYN00006", CancellationToken.None));
        var history = await source.GetBarsAsync("SYN00003", OrleansMarketData.Model.Timeframe.Minute1, 50, time.GetUtcNow(), CancellationToken.None);
        Assert.Equal(50, history.Bars.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(20_001)]
    public void Out_of_range_counts_are_rejected_with_the_setting_name(int count) =>
        Assert.Contains("MarketData:Simulator:SyntheticSymbols", new SimulatorOptionsValidator().Validate(null, new SimulatorOptions { SyntheticSymbols = count }).FailureMessage);
}
