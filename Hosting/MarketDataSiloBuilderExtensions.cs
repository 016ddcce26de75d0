using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Delivery;
using OrleansMarketData.Indicators;
using OrleansMarketData.Sources;
using OrleansMarketData.Sources.Alpaca;
using OrleansMarketData.Sources.Simulated;
using OrleansMarketData.Streams;
using OrleansMarketData.Metrics;

namespace OrleansMarketData.Hosting;

public static class MarketDataSiloBuilderExtensions
{
    /// <summary>
    /// Everything a silo needs to host the market-data grains: the stream provider, the validated settings, the
    /// calendar and the market-data source. The pub-sub store and reminders depend on the clustering mode.
    /// </summary>
    public static ISiloBuilder AddMarketData(this ISiloBuilder silo, IConfiguration configuration)
    {
        var streams = ValidatedSection<StreamTimingOptions>(configuration, ConfigSections.Streams, s => s.Validate());
        silo.AddMemoryStreams(StreamNames.Provider, b =>
        {
            b.ConfigurePullingAgent(o => o.Configure(p =>
            {
                p.GetQueueMsgsTimerPeriod = streams.PollPeriod;
                p.StreamInactivityPeriod = streams.InactivityPeriod;
            }));
            b.ConfigureCacheEviction(o => o.Configure(e => e.DataMaxAgeInCache = streams.CacheMaxAge));
        });

        var services = silo.Services;
        AddValidatedOptions<IndicatorOptions>(services, configuration, ConfigSections.Indicators, s => s.Validate());
        AddValidatedOptions<HistoryOptions>(services, configuration, ConfigSections.History, s => s.Validate());
        AddValidatedOptions<SimulatorOptions>(services, configuration, ConfigSections.Simulator, s => s.Validate());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<MarketDataMetrics>();
        services.TryAddSingleton<CandleFanOut>();
        services.TryAddSingleton<NyseCalendar>();

        // Alpaca keys select Alpaca; without them the simulator is the source.
        var alpaca = ValidatedSection<AlpacaOptions>(configuration, AlpacaOptions.Section, o => o.Validate());
        AddValidatedOptions<AlpacaOptions>(services, configuration, AlpacaOptions.Section, o => o.Validate());
        if (alpaca.Enabled) AddAlpacaSource(services);
        else AddSimulatedSource(services);
        return silo;
    }

    private static void AddSimulatedSource(IServiceCollection services)
    {
        services.TryAddSingleton<IMarketCalendar>(sp => sp.GetRequiredService<NyseCalendar>());
        services.TryAddSingleton<SimulatedClock>();
        services.TryAddSingleton<SimulatedMarket>();
        services.TryAddSingleton<IMarketDataSource, SimulatedSource>();
    }

    private static void AddAlpacaSource(IServiceCollection services)
    {
        services.TryAddSingleton<AlpacaCalendar>();
        services.TryAddSingleton<IMarketCalendar>(sp => sp.GetRequiredService<AlpacaCalendar>());
        services.TryAddSingleton<IRequestBudget, ClusterRequestBudget>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<AlpacaRestClient>(sp,
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) }));
        services.TryAddSingleton<HistoryBatcher>();
        services.TryAddSingleton<IMarketDataSource, AlpacaSource>();
    }

    private static void AddValidatedOptions<T>(IServiceCollection services, IConfiguration configuration, string section, Func<T, string?> validate)
        where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new DescribedValidation<T>(validate));
    }

    /// <summary>Binds and validates a section now, for settings needed while the silo is being configured.</summary>
    public static T ValidatedSection<T>(IConfiguration configuration, string section, Func<T, string?> validate) where T : new()
    {
        var value = new T();
        try
        {
            configuration.GetSection(section).Bind(value);
        }
        catch (InvalidOperationException ex)
        {
            // A value of the wrong type ("abc" for a port): the binder's message names the setting and the value.
            throw new OptionsValidationException(section, typeof(T), [ex.Message]);
        }
        return validate(value) is { } error ? throw new OptionsValidationException(section, typeof(T), [error]) : value;
    }

    /// <summary>Reports the message of the failed rule, which names the setting and what is allowed.</summary>
    private sealed class DescribedValidation<T>(Func<T, string?> validate) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            validate(options) is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
    }
}
