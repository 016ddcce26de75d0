using System.Net;
using OrleansMarketData.Hosting;

// A silo without a web front end: with Cluster__Mode=Redis, one member of a cluster of silos behind gateways.
try
{
    var builder = Host.CreateApplicationBuilder(args);
    var cluster = builder.ReadClusterOptions();
    builder.AddMarketDataSilo(cluster);
    builder.AddSiloTelemetry();
    builder.AddMarketDataHealthChecks(cluster);
    builder.AddSiloHealthEndpoints();
    builder.Build().ValidateSettings().Run();
    return 0;
}
catch (Exception ex) when (InvalidConfiguration.Describe(ex) is { } failures)
{
    Console.Error.WriteLine($"Invalid configuration: {failures}");
    return 1;
}
catch (InvalidOperationException ex) when (ex.InnerException is HttpListenerException listener)
{
    // The Prometheus listener starts while the host is built, before any logging would say which setting it was.
    Console.Error.WriteLine($"Telemetry:MetricsPort: the metrics listener could not start: {listener.Message}");
    return 1;
}
