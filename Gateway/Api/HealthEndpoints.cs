using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Gateway.OpenApi;
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
    /// <summary>
    /// How long health waits for the cluster: a load balancer's check must get its 503 while it still waits, not
    /// after the client's 30-s response timeout when no silo is left.
    /// </summary>
    private static readonly TimeSpan ClusterWait = TimeSpan.FromSeconds(5);

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

    private static async Task<IResult> GetHealthAsync(
        IClusterClient client, FeedName feed, ConnectionRegistry connections, SymbolSubscriptions subscriptions, ILogger<HealthReport> logger)
    {
        try
        {
            var status = await client.GetGrain<IMarketFeedGrain>(feed.Name).GetStatus().AsTask().WaitAsync(ClusterWait);
            var silos = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(ClusterWait);
            return Results.Json(HealthReport.From(status, silos.Count, connections, subscriptions));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Health check could not reach the cluster");
            return Results.Json(
                new HealthReport("unavailable", false, connections.Count, [], feed.Name, "unknown", false,
                    "cluster unreachable", null, null, 0, null, subscriptions.Symbols.Count, connections.SlowClientsClosed),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
