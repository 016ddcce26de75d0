using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansMarketData.Storage;

namespace OrleansMarketData.Hosting;

/// <summary>
/// The bar store as its writer sees it (<see cref="BarStoreWriter.Status"/>): healthy while it writes, degraded while
/// it queues (docs/bar-store.md: bars wait in a bounded queue, nothing is lost until it overflows). A process
/// without a store (a gateway in cluster mode) reports that it has none.
/// </summary>
public sealed class BarStoreHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<BarStoreWriter>() is not { } writer)
            return Task.FromResult(HealthCheckResult.Healthy("no bar store in this process"));
        var status = writer.Status;
        var data = new Dictionary<string, object>
        {
            ["provider"] = status.Provider,
            ["queued_bars"] = status.QueuedBars,
            ["dropped_bars"] = status.DroppedBars,
            ["skipped_history_bars"] = status.SkippedBars,
        };
        return Task.FromResult(status.Degraded
            ? HealthCheckResult.Degraded($"{status.Provider}: {status.Reason ?? "degraded"}; bars are queued", data: data)
            : HealthCheckResult.Healthy($"{status.Provider}: writing", data));
    }
}
