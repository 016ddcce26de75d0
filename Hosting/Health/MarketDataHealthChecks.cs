using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OrleansMarketData.Storage;

namespace OrleansMarketData.Hosting;

/// <summary>
/// The ASP.NET Core health checks of a gateway or silo process (docs/operations.md, "Health checks"): <c>self</c>
/// for liveness; the Orleans cluster, Redis (cluster mode) and the bar store for readiness. The store's checks
/// report <see cref="HealthStatus.Degraded"/> rather than failing: while PostgreSQL is away bars wait in the
/// writer's queue and the process still serves, so it stays in its load balancer.
/// </summary>
public static class MarketDataHealthChecks
{
    private static readonly TimeSpan Timeout = ClusterHealthCheck.Wait;

    public static IHealthChecksBuilder AddMarketDataHealthChecks(this IHostApplicationBuilder builder, MarketDataClusterOptions cluster)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("the process answers"), [HealthTags.Live])
            .AddCheck<ClusterHealthCheck>("orleans-cluster", HealthStatus.Unhealthy, [HealthTags.Ready], Timeout)
            .AddCheck<BarStoreHealthCheck>("bar-store", HealthStatus.Degraded, [HealthTags.Ready], Timeout);
        if (cluster.UsesRedis)
            checks.AddRedis(cluster.Redis, "redis", HealthStatus.Unhealthy, [HealthTags.Ready], Timeout);
        if (PostgresConnectionString(builder.Configuration, cluster.UsesRedis) is { } postgres)
            checks.AddNpgSql(postgres, name: "bar-store-postgres", failureStatus: HealthStatus.Degraded, tags: [HealthTags.Ready], timeout: Timeout);
        return checks;
    }

    /// <summary>
    /// The Silo process's <c>/health/live</c> and <c>/health/ready</c> on <c>Telemetry:MetricsPort</c> (none when it
    /// is 0, like the metrics).
    /// </summary>
    public static IHostApplicationBuilder AddSiloHealthEndpoints(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Configuration.ReadValidated<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.Section);
        if (telemetry.MetricsPort > 0)
            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<SiloHealthListener>(sp, telemetry.MetricsPort));
        return builder;
    }

    /// <summary>The PostgreSQL bar store's connection string, when this process is configured to write to one.</summary>
    private static string? PostgresConnectionString(IConfiguration configuration, bool clusterMode)
    {
        var store = configuration.GetSection(BarStoreOptions.Section);
        var provider = string.IsNullOrWhiteSpace(store["Provider"])
            ? BarStoreProviders.Default(clusterMode)
            : BarStoreProviders.Canonical(store["Provider"]);
        var connection = store.GetSection("Postgres")["ConnectionString"];
        return provider == BarStoreProviders.Postgres && !string.IsNullOrWhiteSpace(connection) ? connection : null;
    }
}
