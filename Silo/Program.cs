using Microsoft.Extensions.Options;
using OrleansMarketData.Hosting;
using OrleansMarketData.Sources.Alpaca;

// A silo without a web front end, hosting the market-data grains on localhost clustering.
try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Configuration.AddAlpacaEnvironment();
    var ports = MarketDataSiloBuilderExtensions.ValidatedSection<OrleansEndpoints>(builder.Configuration, ConfigSections.Orleans, o => o.Validate());
    builder.UseOrleans(silo => silo
        .UseLocalhostClustering(ports.SiloPort, ports.GatewayPort)
        .AddMarketData(builder.Configuration));
    builder.Build().Run();
    return 0;
}
catch (OptionsValidationException ex)
{
    Console.Error.WriteLine($"Invalid configuration: {string.Join("; ", ex.Failures)}");
    return 1;
}
