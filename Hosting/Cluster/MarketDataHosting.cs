using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using OrleansMarketData.Feeds;
using OrleansMarketData.History;
using OrleansMarketData.Sources.Alpaca;
using OrleansMarketData.Sources.Simulated;
using OrleansMarketData.Storage;
using OrleansMarketData.Streams;
using StackExchange.Redis;

namespace OrleansMarketData.Hosting;

/// <summary>How a process joins the cluster: as a silo (standalone or Redis clustering) or as a pure client.</summary>
public static class MarketDataHosting
{
    /// <summary>
    /// Adds the default settings file beside the assembly and the Alpaca variables to the configuration, then reads
    /// the validated <c>Cluster</c> settings, which decide how the host is built.
    /// </summary>
    public static MarketDataClusterOptions ReadClusterOptions(this IHostApplicationBuilder builder)
    {
        builder.Configuration.AddDefaultSettingsFile();
        builder.Configuration.AddAlpacaEnvironment();
        return builder.Configuration.ReadValidated<MarketDataClusterOptions, MarketDataClusterOptionsValidator>(MarketDataClusterOptions.Section);
    }

    /// <summary>Hosts a market-data silo in this process.</summary>
    public static IHostApplicationBuilder AddMarketDataSilo(this IHostApplicationBuilder builder, MarketDataClusterOptions cluster)
    {
        builder.UseOrleans(silo =>
        {
            if (cluster.UsesRedis)
            {
                var redis = ConfigurationOptions.Parse(cluster.Redis);
                silo.UseRedisClustering(o => o.ConfigurationOptions = redis)
                    .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId))
                    .ConfigureEndpoints(cluster.Advertised(), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true)
                    // After every silo died nobody is left to vote them dead, and a starting silo waits until their
                    // table entries go stale: heartbeat every 10 s (Orleans' default is 30 s) so that takes ~20 s.
                    .Configure<ClusterMembershipOptions>(o => o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10))
                    // Stream subscriptions must outlive any one silo.
                    .AddRedisGrainStorage(StreamNames.PubSubStore, o => o.ConfigurationOptions = redis)
                    .AddRedisGrainStorage(StorageNames.Feeds, o => o.ConfigurationOptions = redis);
            }
            else
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort)
                    .AddMemoryGrainStorage(StreamNames.PubSubStore)
                    .AddMemoryGrainStorage(StorageNames.Feeds);
            }
            silo.AddMarketData(builder.Configuration);
            // Carries the caller's trace into grain calls; costs nothing while no one listens.
            silo.AddActivityPropagation();
            if (cluster.Dashboard) silo.AddDashboard();
        });
        // Standalone: a SQLite file beside the process; Redis clustering: the PostgreSQL every silo shares.
        builder.Services.AddBarStore(clusterMode: cluster.UsesRedis);
        builder.Services.AddHostedService<LostRangeRefetcher>();
        builder.Services.AddHostedService<FeedKeeper>();
        builder.Services.AddFeedName();
        return builder;
    }

    /// <summary>Joins a Redis-clustered cluster as a client: no grains run in this process.</summary>
    public static IHostApplicationBuilder AddMarketDataClient(this IHostApplicationBuilder builder, MarketDataClusterOptions cluster)
    {
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(cluster.Redis)
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId))
                // Learn soon about silos that joined or died (Orleans' default is once a minute).
                .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5))
                // Silos may start after the gateway: keep trying rather than fail start-up.
                .UseConnectionRetryFilter(async (_, cancellationToken) =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                    return true;
                })
                .AddMemoryStreams(StreamNames.Provider)
                .AddActivityPropagation();
            if (cluster.Dashboard) client.AddDashboard();
        });
        // Read for the feed's name only: the silos check these settings.
        builder.Services.AddBoundOptions<AlpacaOptions>(builder.Configuration, AlpacaOptions.Section);
        builder.Services.AddFeedName();
        return builder;
    }

    /// <summary>The feed the cluster's sources use: Alpaca's (from its stream URL) when keys are set, else the simulator's.</summary>
    private static void AddFeedName(this IServiceCollection services) =>
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AlpacaOptions>>().Value is { Enabled: true } alpaca
            ? new FeedName(alpaca.Feed)
            : new FeedName(SimulatedSource.Feed));
}
