using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Delivery;
using OrleansMarketData.History;
using OrleansMarketData.Indicators;
using OrleansMarketData.Metrics;
using OrleansMarketData.Sources;
using OrleansMarketData.Sources.Alpaca;
using OrleansMarketData.Sources.Simulated;
using OrleansMarketData.Streams;
using OrleansMarketData.Symbols;
using OrleansMarketData.Tape;

namespace OrleansMarketData.Hosting;

public static class MarketDataSiloBuilderExtensions
{
    /// <summary>
    /// Everything a silo needs to host the market-data grains: the stream provider, the validated settings, the
    /// calendar and the market-data source. The bar store (<c>AddBarStore</c>) is registered beside it, by mode. Where stream subscriptions and feed state are stored depends on the
    /// clustering mode (see <see cref="MarketDataHosting"/>).
    /// </summary>
    public static ISiloBuilder AddMarketData(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddValidatedOptions<StreamTimingOptions, StreamTimingOptionsValidator>(configuration, StreamTimingOptions.Section);
        silo.AddMemoryStreams(StreamNames.Provider, b =>
        {
            b.ConfigurePullingAgent(o => o.Configure<IOptions<StreamTimingOptions>>((agent, timing) =>
            {
                agent.GetQueueMsgsTimerPeriod = timing.Value.PollPeriod;
                agent.StreamInactivityPeriod = timing.Value.InactivityPeriod;
            }));
            b.ConfigureCacheEviction(o => o.Configure<IOptions<StreamTimingOptions>>(
                (eviction, timing) => eviction.DataMaxAgeInCache = timing.Value.CacheMaxAge));
        });

        services.AddValidatedOptions<IndicatorOptions, IndicatorOptionsValidator>(configuration, IndicatorOptions.Section);
        services.AddValidatedOptions<HistoryOptions, HistoryOptionsValidator>(configuration, HistoryOptions.Section);
        services.AddValidatedOptions<SimulatorOptions, SimulatorOptionsValidator>(configuration, SimulatorOptions.Section);
        services.AddValidatedOptions<AlpacaOptions, AlpacaOptionsValidator>(configuration, AlpacaOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<VersionClock>();
        services.AddMetrics();
        services.TryAddSingleton<MarketDataMetrics>();
        services.TryAddSingleton<CandleFanOut>();
        services.TryAddSingleton<HistoryLoadGate>();
        services.TryAddSingleton<StoreFirstHistory>();
        services.TryAddSingleton<NyseCalendar>();
        AddSimulatedSource(services);
        AddAlpacaSource(services);
        // Alpaca keys select Alpaca; without them the simulator is the source. Only the chosen one is ever made.
        services.TryAddSingleton<IMarketCalendar>(sp => AlpacaEnabled(sp)
            ? sp.GetRequiredService<AlpacaCalendar>()
            : sp.GetRequiredService<NyseCalendar>());
        services.TryAddSingleton<IMarketDataSource>(sp => AlpacaEnabled(sp)
            ? sp.GetRequiredService<AlpacaSource>()
            : sp.GetRequiredService<SimulatedSource>());
        services.TryAddSingleton<ITapeSource>(sp => AlpacaEnabled(sp)
            ? ActivatorUtilities.CreateInstance<AlpacaTapeSource>(sp)
            : ActivatorUtilities.CreateInstance<SimulatedTapeSource>(sp));
        return silo;
    }

    private static bool AlpacaEnabled(IServiceProvider services) => services.GetRequiredService<IOptions<AlpacaOptions>>().Value.Enabled;

    private static void AddSimulatedSource(IServiceCollection services)
    {
        services.TryAddSingleton<SimulatedClock>();
        services.TryAddSingleton<SimulatedMarket>();
        services.TryAddSingleton<SimulatedSource>();
    }

    private static void AddAlpacaSource(IServiceCollection services)
    {
        services.TryAddSingleton<AlpacaCalendar>();
        services.TryAddSingleton<AlpacaAssets>();
        services.TryAddSingleton<IRequestBudget, ClusterRequestBudget>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<AlpacaRestClient>(sp,
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) }));
        services.TryAddSingleton<HistoryBatcher>();
        services.TryAddSingleton<AlpacaSource>();
    }
}
