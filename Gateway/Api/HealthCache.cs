using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Hosting;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Api;

/// <summary>
/// The cluster's part of <c>/api/health</c> (the feed's status and the silo count), read at most once per
/// <see cref="MarketDataGatewayOptions.HealthCacheDuration"/>: health is open to anyone, and the feed grain it asks
/// is one for the whole cluster and handles one call at a time. Callers that come while a read runs share it.
/// </summary>
public sealed partial class HealthCache(
    IClusterClient client, FeedName feed, IOptions<MarketDataGatewayOptions> options, ILogger<HealthCache> logger)
{
    /// <summary>
    /// How long health waits for the cluster: a load balancer's check must get its 503 while it still waits, not
    /// after the client's 30-s response timeout when no silo is left.
    /// </summary>
    private static readonly TimeSpan ClusterWait = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private Task<ClusterHealth>? _current;
    /// <summary>When the current read started (<see cref="Environment.TickCount64"/>).</summary>
    private long _readAt;

    /// <summary>The feed's status and the active silos, or null when the cluster did not answer.</summary>
    public Task<ClusterHealth> GetAsync()
    {
        lock (_lock)
        {
            var now = Environment.TickCount64;
            if (_current is { } current && (!current.IsCompleted || now - _readAt < options.Value.HealthCacheDuration.TotalMilliseconds)) return current;
            _readAt = now;
            return _current = ReadAsync();
        }
    }

    private async Task<ClusterHealth> ReadAsync()
    {
        try
        {
            var status = await client.GetGrain<IMarketFeedGrain>(feed.Name).GetStatus().AsTask().WaitAsync(ClusterWait);
            var silos = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(ClusterWait);
            return new ClusterHealth(status, silos.Count);
        }
        catch (Exception ex)
        {
            LogUnreachable(logger, ex);
            return new ClusterHealth(null, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check could not reach the cluster")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);
}

/// <summary>What <see cref="HealthCache"/> read: the feed's status (null when the cluster did not answer) and the active silos.</summary>
public sealed record ClusterHealth(FeedStatus? Feed, int SiloCount);
