using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Gateway.OpenApi;
using OrleansMarketData.Gateway.Security;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Model;
using OrleansMarketData.Hosting;

namespace OrleansMarketData.Gateway.Api;

/// <summary>
/// <c>/api/health</c>: <c>status</c>, <c>alpaca_connected</c>, <c>active_connections</c> and <c>subscribed_symbols</c>
/// first, then the feed's upstream state, the cluster's size and this gateway's sockets (<see cref="HealthReport"/>).
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", GetHealthAsync)
            .WithName("GetHealth").WithTags(RouteDocs.ApiTag).WithSummary("The feed, the cluster and this gateway")
            .WithDescription("The upstream feed's state, the cluster's size and this gateway's sockets; 503 when the cluster does not answer.")
            .Produces<HealthReport>(StatusCodes.Status200OK, "application/json")
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable, "application/json");
        // For load balancers and orchestrators: the process is up; it can serve (Hosting/Health/MarketDataHealthChecks.cs).
        MapProbe(app, HealthTags.LivePath, HealthTags.Live);
        MapProbe(app, HealthTags.ReadyPath, HealthTags.Ready);
        return app;
    }

    private static void MapProbe(IEndpointRouteBuilder app, string path, string tag) =>
        app.MapHealthChecks(path, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(tag),
            ResponseWriter = (context, report) =>
            {
                context.Response.StatusCode = HealthJson.StatusCode(report);
                context.Response.ContentType = "application/json";
                context.Response.Headers.CacheControl = "no-store";
                return context.Response.Body.WriteAsync(HealthJson.Write(report)).AsTask();
            },
        }).WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));

    /// <summary>
    /// Everyone gets the state; only callers with a client key (or everyone, where none is required) get the details
    /// that map the deployment: the symbols subscribed upstream, the feed's silo and the upstream's last error.
    /// </summary>
    private static async Task<IResult> GetHealthAsync(
        HttpContext context, HealthCache cache, FeedName feed, ConnectionRegistry connections, SymbolSubscriptions subscriptions, ClientKeys keys)
    {
        var cluster = await cache.GetAsync();
        var details = keys.Identify(context).Allowed;
        return cluster.Feed is { } status
            ? Results.Json(HealthReport.From(status, cluster.SiloCount, connections, subscriptions, details))
            : Results.Json(HealthReport.Unavailable(feed.Name, connections, subscriptions, details),
                statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
