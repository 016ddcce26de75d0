using OrleansMarketData.Gateway.AlpacaApi;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Gateway.Security;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Hosting;
using OrleansMarketData.Indicators;

namespace OrleansMarketData.Gateway.Hosting;

public static class GatewayServices
{
    /// <summary>
    /// The gateway's own services: settings, client keys and rate limits, JSON writer, socket registry and stream
    /// subscriptions, CORS.
    /// </summary>
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        var gateway = MarketDataSiloBuilderExtensions.ValidatedSection<MarketDataGatewayOptions>(configuration, MarketDataGatewayOptions.Section, o => o.Validate());
        services.AddOptions<MarketDataGatewayOptions>().Bind(configuration.GetSection(MarketDataGatewayOptions.Section));
        MarketDataSiloBuilderExtensions.ValidatedSection<AlpacaApiOptions>(configuration, AlpacaApiOptions.Section, o => o.Validate());
        services.AddOptions<AlpacaApiOptions>().Bind(configuration.GetSection(AlpacaApiOptions.Section));
        MarketDataSiloBuilderExtensions.ValidatedSection<ClientAuthOptions>(configuration, ClientAuthOptions.Section, o => o.Validate());
        services.AddOptions<ClientAuthOptions>().Bind(configuration.GetSection(ClientAuthOptions.Section));
        var limits = MarketDataSiloBuilderExtensions.ValidatedSection<ClientLimitsOptions>(configuration, ClientLimitsOptions.Section, o => o.Validate());
        services.AddOptions<ClientLimitsOptions>().Bind(configuration.GetSection(ClientLimitsOptions.Section));
        services.AddSingleton<ClientKeys>();
        services.AddClientRateLimits(limits);
        // The silo binds these too in standalone mode; a pure client needs them for the MA names.
        services.AddOptions<IndicatorOptions>().Bind(configuration.GetSection(ConfigSections.Indicators));
        services.AddSingleton<CandleJson>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<SymbolSubscriptions>();
        services.AddSingleton(new FeedName(MarketDataHosting.FeedName(configuration)));
        services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (gateway.CorsOrigins.Length == 0 || gateway.CorsOrigins.Contains("*")) policy.AllowAnyOrigin();
            else policy.WithOrigins(gateway.CorsOrigins);
            policy.AllowAnyHeader().WithMethods("GET");
        }));
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        return services;
    }
}
