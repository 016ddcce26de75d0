using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Hosting;

public static class StandaloneSiloExtensions
{
    /// <summary>
    /// Hosts a market-data silo in this process with localhost clustering, reading the Alpaca variables
    /// (seed and SDK names, environment.env) into the configuration first.
    /// </summary>
    public static IHostApplicationBuilder AddStandaloneSilo(this IHostApplicationBuilder builder)
    {
        builder.Configuration.AddAlpacaEnvironment();
        var ports = MarketDataSiloBuilderExtensions.ValidatedSection<OrleansEndpoints>(builder.Configuration, ConfigSections.Orleans, o => o.Validate());
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(ports.SiloPort, ports.GatewayPort)
            .AddMarketData(builder.Configuration));
        return builder;
    }
}
