using OrleansMarketData.Gateway.AlpacaApi.Rest;
using OrleansMarketData.Gateway.AlpacaApi.Stream;
using OrleansMarketData.Gateway.Api;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Gateway.OpenApi;
using OrleansMarketData.Gateway.Security;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Gateway.Telemetry;
using Orleans.Dashboard;
using OrleansMarketData.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        // The chart page is bundled into wwwroot beside the assembly at build time (Gateway/ChartPage.targets),
        // so it is found wherever the gateway is started from, not only from the project folder.
        WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
    });

    // Standalone (localhost clustering): this process also hosts the silo. Cluster (Redis): a pure client.
    var cluster = builder.ReadClusterOptions();
    if (cluster.UsesRedis) builder.AddMarketDataClient(cluster);
    else builder.AddMarketDataSilo(cluster);
    builder.Services.AddGateway(builder.Configuration);
    builder.AddMarketDataHealthChecks(cluster);
    builder.Services.AddGatewayOpenApi();
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
    builder.AddTelemetry();

    var app = builder.Build().ValidateSettings();
    app.Logger.LogWarning("{ClientKeys}", app.Services.GetRequiredService<ClientKeys>().Mode);

    app.UseTrustedProxies();
    app.UseJsonErrors();
    app.UseSecurityHeaders();
    // GET / serves the live chart page (index.html). Static files come before routing on purpose: once
    // routing runs, "/" matches the JSON 404 fallback and the static file middleware stands aside.
    // Paths with no file still fall through to the endpoints and that fallback. The page's files all sit at the
    // top of the web root, so deeper paths (the APIs) skip the file lookup, a disk access per request.
    app.UseWhen(context => WebRoot.MayHold(context.Request.Path), page =>
    {
        page.UseDefaultFiles();
        page.UseStaticFiles();
    });
    app.UseRouting();
    app.UseCors();
    app.UseWebSockets();
    app.MapHealthEndpoints();
    app.MapMetrics();
    app.MapSymbolEndpoints();
    app.MapAlpacaRest();
    app.MapCandleSockets();
    app.MapAlpacaStream();
    app.MapApiDocs();
    if (cluster.Dashboard) app.MapOrleansDashboard("/dashboard");
    app.MapFallback((HttpContext context) => ApiError.Result(
        StatusCodes.Status404NotFound, $"no such route: {context.Request.Method} {context.Request.Path}"));

    app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<ConnectionRegistry>().CloseAll("server shutting down"));

    app.Run();
    return 0;
}
catch (Exception ex) when (InvalidConfiguration.Describe(ex) is { } failures)
{
    Console.Error.WriteLine($"Invalid configuration: {failures}");
    return 1;
}

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
