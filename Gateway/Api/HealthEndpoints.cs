using OrleansMarketData.Gateway.Hosting;
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
