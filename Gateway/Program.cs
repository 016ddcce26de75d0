using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.Api;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);

    // Standalone mode: this process also hosts the silo, with localhost clustering and in-memory streams.
    builder.AddStandaloneSilo();
    builder.Services.AddGateway(builder.Configuration);

    var app = builder.Build();

    app.UseJsonErrors();
    app.UseCors();
    app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
    app.MapHealthEndpoints();
    app.MapSymbolEndpoints();
    app.MapCandleSockets();
    app.MapFallback((HttpContext context) => ApiError.Result(
        StatusCodes.Status404NotFound, $"no such route: {context.Request.Method} {context.Request.Path}"));

    var connections = app.Services.GetRequiredService<ConnectionRegistry>();
    app.Lifetime.ApplicationStopping.Register(() => connections.CloseAll("server shutting down"));

    app.Run();
    return 0;
}
catch (OptionsValidationException ex)
{
    Console.Error.WriteLine($"Invalid configuration: {string.Join("; ", ex.Failures)}");
    return 1;
}

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
