namespace OrleansMarketData.Gateway.Tests.Observability;

/// <summary>
/// Tests that read metric values from an in-process gateway, run alone. The OpenTelemetry SDK listens to every
/// meter of its name in the process, so while other test gateways run in this process their measurements would
/// add to this one's; a real process hosts one gateway.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metric values";
}
