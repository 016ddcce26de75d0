namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// The test classes that run deploy/local-cluster.sh, one after another: the script gives each silo the first
/// free ports from fixed bases (11111, 30000, 9464), and two clusters starting at once would both pick the same
/// ones before either silo had bound them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalClusterCollection
{
    public const string Name = "local cluster";
}
