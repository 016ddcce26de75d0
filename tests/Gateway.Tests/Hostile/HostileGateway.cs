using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Hostile;

/// <summary>
/// One standalone gateway, default configuration, shared by every hostile-input test class, so that the silo's
/// start-up is paid once and every abuse lands on the same process a bystander client is watching.
/// </summary>
public sealed class HostileGateway : GatewayFixture;

// Alone: the memory checks read this process's managed heap, which other test classes would grow meanwhile.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileCollection : ICollectionFixture<HostileGateway>
{
    public const string Name = "hostile";
}
