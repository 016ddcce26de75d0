using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansMarketData.Grains;

namespace OrleansMarketData.Hosting;

/// <summary>
/// The Orleans cluster answers: the feed grain (activated on some silo) replies to a ping within
/// <see cref="Wait"/>. The same call on a silo and on a gateway, so both are ready only when a grain call goes through.
/// </summary>
public sealed class ClusterHealthCheck(IClusterClient client, FeedName feed) : IHealthCheck
{
    /// <summary>
    /// A probe must get its answer while it still waits, not after the client's 30-s response timeout when no
    /// silo is left.
    /// </summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.GetGrain<IMarketFeedGrain>(feed.Name).Ping().AsTask().WaitAsync(Wait, cancellationToken);
            return HealthCheckResult.Healthy("the cluster answers");
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The exception names silos and types: it stays out of the answer.
            return new HealthCheckResult(context.Registration.FailureStatus, "the cluster does not answer");
        }
    }
}
