using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.Admission;
using OrleansMarketData.Gateway.AlpacaApi;
using OrleansMarketData.Gateway.Api;
using OrleansMarketData.Gateway.AlpacaApi.Stream;
using OrleansMarketData.Gateway.AlpacaApi.Stream.Tape;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Gateway.Security;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Hosting;

namespace OrleansMarketData.Gateway.Hosting;

public static class GatewayServices
{
    /// <summary>
    /// The gateway's own services: settings, client keys and rate limits, JSON writer, socket registry and stream
    /// subscriptions, CORS.
    /// </summary>
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MarketDataGatewayOptions, MarketDataGatewayOptionsValidator>(configuration, MarketDataGatewayOptions.Section);
        services.AddValidatedOptions<AlpacaApiOptions, AlpacaApiOptionsValidator>(configuration, AlpacaApiOptions.Section);
        // A key whose fields are all empty is no key: what docker-compose.yml passes when its variables are unset.
        services.AddValidatedOptions<ClientAuthOptions, ClientAuthOptionsValidator>(configuration, ClientAuthOptions.Section)
            .PostConfigure(o => o.Keys = o.Keys.Where(k => !string.IsNullOrEmpty(k.KeyId) || !string.IsNullOrEmpty(k.Secret) || !string.IsNullOrEmpty(k.SecretSha256)).ToArray());
        services.AddValidatedOptions<ClientLimitsOptions, ClientLimitsOptionsValidator>(configuration, ClientLimitsOptions.Section);
        services.AddSingleton<ClientKeys>();
        services.AddTrustedProxies();
        services.AddClientRateLimits();
        services.AddSingleton<CandleJson>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<HealthCache>();
        services.AddSingleton<SymbolSubscriptions>();
        services.AddSingleton<HistoryQueue>();
        services.AddSingleton<KnownSymbols>();
        services.AddSingleton<WildcardSymbols>();
        services.AddSingleton<TapeSubscriptions>();
        services.AddSingleton(sp => ServedFeed.Of(sp.GetRequiredService<FeedName>()));
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<MarketDataGatewayOptions>>((cors, gateway) => cors.AddDefaultPolicy(policy =>
        {
            var origins = gateway.Value.CorsOrigins;
            if (origins.Length == 0 || origins.Contains("*")) policy.AllowAnyOrigin();
            else policy.WithOrigins(origins);
            policy.AllowAnyHeader().WithMethods("GET");
        }));
        // Sockets are pinged, and dropped when their client stops answering, as ClientLimits says.
        services.AddOptions<WebSocketOptions>().Configure<IOptions<ClientLimitsOptions>>((sockets, limits) =>
            (sockets.KeepAliveInterval, sockets.KeepAliveTimeout) = (limits.Value.KeepAliveInterval, limits.Value.IdleTimeout));
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        return services;
    }
}
