using System.Text.Json.Serialization;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Api;

/// <summary><c>/api/health</c>: the seed's fields plus the feed's upstream state and the cluster's size.</summary>
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

public sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("alpaca_connected")] bool AlpacaConnected,
    [property: JsonPropertyName("active_connections")] int ActiveConnections,
    [property: JsonPropertyName("subscribed_symbols")] IReadOnlyList<string> SubscribedSymbols,
    [property: JsonPropertyName("feed")] string Feed,
    [property: JsonPropertyName("upstream_state")] string UpstreamState,
    [property: JsonPropertyName("upstream_connected")] bool UpstreamConnected,
    [property: JsonPropertyName("last_error")] string? LastError,
    [property: JsonPropertyName("last_message_time")] string? LastMessageTime,
    [property: JsonPropertyName("market_time")] string? MarketTime,
    [property: JsonPropertyName("silo_count")] int SiloCount,
    [property: JsonPropertyName("feed_silo")] string? FeedSilo,
    [property: JsonPropertyName("gateway_symbols")] int GatewaySymbols,
    [property: JsonPropertyName("slow_clients_closed")] long SlowClientsClosed)
{
    public static HealthReport From(FeedStatus feed, int siloCount, ConnectionRegistry connections, SymbolSubscriptions subscriptions) =>
        new(feed.Connected ? "healthy" : "degraded",
            feed.IsAlpaca && feed.Connected,
            connections.Count,
            feed.Symbols,
            feed.Feed,
            feed.State,
            feed.Connected,
            feed.LastError,
            feed.LastMessageTime is { } last ? CandleJson.Timestamp(last) : null,
            CandleJson.Timestamp(feed.MarketTime),
            siloCount,
            feed.Silo,
            subscriptions.Symbols.Count,
            connections.SlowClientsClosed);
}
