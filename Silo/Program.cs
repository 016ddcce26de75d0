using Microsoft.Extensions.Options;
using OrleansMarketData.Hosting;

// A silo without a web front end, hosting the market-data grains on localhost clustering.
try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddStandaloneSilo();
    builder.Build().Run();
    return 0;
}
catch (OptionsValidationException ex)
{
    Console.Error.WriteLine($"Invalid configuration: {string.Join("; ", ex.Failures)}");
    return 1;
}
