using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansMarketData.Sources;
using OrleansMarketData.Storage.Postgres;
using OrleansMarketData.Storage.Sqlite;

namespace OrleansMarketData.Storage;

public static class BarStoreServiceCollectionExtensions
{
    /// <summary>
    /// The bar store of <c>BarStore:Provider</c> (by default <see cref="BarStoreProviders.Default"/> of
    /// <paramref name="clusterMode"/>: Redis clustering means Postgres), its validated settings, the
    /// <see cref="BarStoreWriter"/> (a hosted service: it creates or migrates the schema at start) and the
    /// <see cref="BarRetentionService"/>. Settings come from the host's configuration.
    /// </summary>
    public static IServiceCollection AddBarStore(this IServiceCollection services, bool clusterMode)
    {
        services.AddOptions<BarStoreOptions>()
            .BindConfiguration(BarStoreOptions.Section)
            .PostConfigure(o => o.Provider = string.IsNullOrWhiteSpace(o.Provider)
                ? BarStoreProviders.Default(clusterMode)
                : BarStoreProviders.Canonical(o.Provider) ?? o.Provider)
            .Validate(o => BarStoreProviders.Canonical(o.Provider) is not null,
                $"BarStore:Provider must be {string.Join(", ", BarStoreProviders.All)} (or empty: {BarStoreProviders.Default(clusterMode)} in this mode)")
            .Validate(o => o.Provider != BarStoreProviders.Sqlite || !string.IsNullOrWhiteSpace(o.Sqlite.Path),
                "BarStore:Sqlite:Path must name the database file when BarStore:Provider is Sqlite")
            .Validate(o => o.Sqlite.BusyTimeout > TimeSpan.Zero, "BarStore:Sqlite:BusyTimeout must be positive")
            .Validate(o => o.Provider != BarStoreProviders.Postgres || !string.IsNullOrWhiteSpace(o.Postgres.ConnectionString),
                "BarStore:Postgres:ConnectionString is required when BarStore:Provider is Postgres")
            .Validate(o => o.Provider != BarStoreProviders.Postgres || IsConnectionString(o.Postgres.ConnectionString),
                "BarStore:Postgres:ConnectionString is not a valid Npgsql connection string")
            .Validate(o => o.WriteQueueBars >= 1, "BarStore:WriteQueueBars must be at least 1")
            .Validate(o => o.WriteTimeout > TimeSpan.Zero, "BarStore:WriteTimeout must be positive")
            .Validate(o => o.RetryDelay > TimeSpan.Zero, "BarStore:RetryDelay must be positive")
            .Validate(o => o.RetryMaxDelay >= o.RetryDelay, "BarStore:RetryMaxDelay must be at least BarStore:RetryDelay")
            .Validate(o => o.StopDrainTimeout >= TimeSpan.Zero, "BarStore:StopDrainTimeout must be zero or positive")
            .Validate(o => o.RetentionInterval >= TimeSpan.FromSeconds(1), "BarStore:RetentionInterval must be at least 00:00:01")
            .Validate(o => o.RetentionBatchSize >= 1, "BarStore:RetentionBatchSize must be at least 1")
            .Validate(o => Model.Timeframes.All.All(tf => o.Retention.For(tf) >= TimeSpan.Zero),
                "BarStore:Retention:<timeframe> must be zero (keep for ever) or a positive TimeSpan (a whole number alone is days)")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBarStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BarStoreOptions>>();
            return options.Value.Provider switch
            {
                BarStoreProviders.Sqlite => new SqliteBarStore(options),
                BarStoreProviders.Postgres => new PostgresBarStore(options),
                _ => new NullBarStore(),
            };
        });
        services.TryAddSingleton<BarStoreWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<BarStoreWriter>());
        // Bars are stamped in market time: their age is measured on the source's clock where the host has a source.
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<BarRetentionService>(sp,
            sp.GetService<IMarketDataSource>() is { } source ? new SourceTimeProvider(source) : sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static bool IsConnectionString(string? value)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
