using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Gateway.Json;
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
        app.MapGet("/api/health", GetHealthAsync);
        // For load balancers: the process is up; the process can reach the cluster.
        app.MapGet("/health/live", () => Results.Json(new { status = "live" }));
        app.MapGet("/health/ready", GetReadinessAsync);
        return app;
    }

    private static async Task<IResult> GetReadinessAsync(IClusterClient client, FeedName feed)
    {
        try
        {
            await client.GetGrain<IMarketFeedGrain>(feed.Name).Ping().AsTask().WaitAsync(ClusterWait);
            return Results.Json(new { status = "ready" });
        }
        catch (Exception)
        {
            return Results.Json(new { status = "not ready", error = "the cluster does not answer" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

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
