using System.Text.Json.Serialization;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Api;

/// <summary>
/// The body of <c>/api/health</c>: the upstream feed's state, the cluster's size, this gateway's sockets, and the bar
/// store the feed's silo writes to (<c>ok</c>, or <c>degraded</c> with the reason and the bars waiting for it), and on
/// Alpaca how many symbols the feed silo's asset list names and when it was fetched (absent until it has one). The
/// details (<see cref="SubscribedSymbols"/>, <see cref="FeedSilo"/>, <see cref="LastError"/>) are left out for
/// callers without a client key where one is required.
/// </summary>
public sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("alpaca_connected")] bool AlpacaConnected,
    [property: JsonPropertyName("active_connections")] int ActiveConnections,
    [property: JsonPropertyName("subscribed_symbols"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? SubscribedSymbols,
    [property: JsonPropertyName("feed")] string Feed,
    [property: JsonPropertyName("upstream_state")] string UpstreamState,
    [property: JsonPropertyName("upstream_connected")] bool UpstreamConnected,
    [property: JsonPropertyName("last_error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LastError,
    [property: JsonPropertyName("last_message_time")] string? LastMessageTime,
    [property: JsonPropertyName("market_time")] string? MarketTime,
    [property: JsonPropertyName("silo_count")] int SiloCount,
    [property: JsonPropertyName("feed_silo"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FeedSilo,
    [property: JsonPropertyName("gateway_symbols")] int GatewaySymbols,
    [property: JsonPropertyName("slow_clients_closed")] long SlowClientsClosed,
    [property: JsonPropertyName("store")] string? Store = null,
    [property: JsonPropertyName("store_reason")] string? StoreReason = null,
    [property: JsonPropertyName("store_queued_bars")] long StoreQueuedBars = 0,
    [property: JsonPropertyName("listed_symbols"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ListedSymbols = null,
    [property: JsonPropertyName("listed_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ListedAt = null)
{
    public static HealthReport From(FeedStatus feed, int siloCount, ConnectionRegistry connections, SymbolSubscriptions subscriptions, bool details) =>
        new(feed.Connected ? "healthy" : "degraded",
            feed.IsAlpaca && feed.Connected,
            connections.Count,
            details ? feed.Symbols : null,
            feed.Feed,
            feed.State,
            feed.Connected,
            details ? feed.LastError : null,
            feed.LastMessageTime is { } last ? CandleJson.Timestamp(last) : null,
            CandleJson.Timestamp(feed.MarketTime),
            siloCount,
            details ? feed.Silo : null,
            subscriptions.Symbols.Count,
            connections.SlowClientsClosed,
            feed.Store?.State,
            feed.Store?.Reason,
            feed.Store?.QueuedBars ?? 0,
            feed.Listing?.Count,
            feed.Listing is { } listing ? CandleJson.Timestamp(listing.FetchedAt) : null);

    /// <summary>The cluster did not answer.</summary>
    public static HealthReport Unavailable(string feed, ConnectionRegistry connections, SymbolSubscriptions subscriptions, bool details) =>
        new("unavailable", false, connections.Count, details ? [] : null, feed, "unknown", false,
            details ? "cluster unreachable" : null, null, null, 0, null, subscriptions.Symbols.Count, connections.SlowClientsClosed);
}
