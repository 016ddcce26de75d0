namespace OrleansMarketData.Hosting;

/// <summary>
/// Which probe a health check belongs to: <c>/health/live</c> runs the <see cref="Live"/> checks (the process
/// answers), <c>/health/ready</c> the <see cref="Ready"/> ones (it can serve: the cluster, Redis, the bar store).
/// </summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";

    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
}
