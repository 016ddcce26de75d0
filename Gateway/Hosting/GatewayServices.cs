using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Hosting;
using OrleansMarketData.Indicators;
using OrleansMarketData.Sources;

namespace OrleansMarketData.Gateway.Hosting;

public static class GatewayServices
{
    /// <summary>The gateway's own services: settings, JSON writer, socket registry and stream subscriptions, CORS.</summary>
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        var gateway = MarketDataSiloBuilderExtensions.ValidatedSection<GatewayOptions>(configuration, GatewayOptions.Section, o => o.Validate());
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.Section));
        services.TryAddOptions<IndicatorSettings>(configuration);
        services.AddSingleton<CandleJson>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<SymbolSubscriptions>();
        services.AddSingleton(new FeedName(MarketDataHosting.FeedName(configuration)));
        services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (gateway.CorsOrigins.Contains("*")) policy.AllowAnyOrigin();
            else policy.WithOrigins(gateway.CorsOrigins);
            policy.AllowAnyHeader().WithMethods("GET");
        }));
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        return services;
    }

    /// <summary>Indicator settings are bound by the silo in standalone mode; bind them here too for a pure client.</summary>
    private static void TryAddOptions<T>(this IServiceCollection services, IConfiguration configuration) where T : class
    {
        if (services.All(d => d.ServiceType != typeof(IConfigureOptions<T>)))
            services.AddOptions<T>().Bind(configuration.GetSection(ConfigSections.Indicators));
    }
}
