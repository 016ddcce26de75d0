using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansMarketData.Feeds;
using OrleansMarketData.Hosting;
using OrleansMarketData.Sources;
using OrleansMarketData.Storage;
using OrleansMarketData.Streams;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// Two silos and an external client, with the production silo configuration and a scripted upstream. The stream
/// inactivity and cache windows are shortened to 3 s, and the activation timeout to 15 s (long enough for activations on a busy machine), so a test can outlast them.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>A Wednesday, 10:00 in New York: regular hours, so every minute has a bar.</summary>
    public static readonly DateTimeOffset AsOf = new(2025, 11, 26, 15, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan StreamWindows = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan ActivationTimeout = TimeSpan.FromSeconds(15);

    public ScriptedSource Source { get; } = new(AsOf);

    /// <summary>Publishes the test makes fail, on either silo.</summary>
    public FailingPublishes FailingPublishes { get; } = new();

    /// <summary>Renewals the test holds at the feed grain.</summary>
    public HeldRenewals HeldRenewals { get; } = new();

    /// <summary>The feed grain's calls running now.</summary>
    public FeedCallsInFlight FeedCalls { get; } = new();

    /// <summary>The feed grain's state, stored once for both silos.</summary>
    public SharedGrainStorage FeedStorage { get; } = new();

    /// <summary>The silos' bar store: a SQLite file of this fixture's own.</summary>
    public string StorePath { get; } = TestBarStores.NewSqlitePath();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>The client co-hosted in the second silo, as a standalone gateway uses.</summary>
    public IClusterClient HostedClient =>
        Cluster.GetSiloServiceProvider(Cluster.Silos[^1].SiloAddress).GetRequiredService<IClusterClient>();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MarketData:Streams:InactivityPeriod"] = StreamWindows.ToString(),
            ["MarketData:Streams:CacheMaxAge"] = StreamWindows.ToString(),
        }).Build();

        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IMarketDataSource>(Source);
            silo.AddIncomingGrainCallFilter(FailingPublishes).AddIncomingGrainCallFilter(HeldRenewals).AddIncomingGrainCallFilter(FeedCalls);
            silo.AddMemoryGrainStorage(StreamNames.PubSubStore);
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Feeds, (services, _) => FeedStorage.For(services));
            silo.AddMarketData(configuration);
            // One file for both silos, as in Redis mode one PostgreSQL is shared.
            silo.Services.AddBarStore(clusterMode: false);
            silo.Services.Configure<BarStoreOptions>(o => o.Sqlite.Path = StorePath);
            silo.Configure<GrainCollectionOptions>(o => o.ActivationTimeout = ActivationTimeout);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(StreamNames.Provider));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        TestBarStores.Delete(StorePath);
    }
}
