namespace OrleansMarketData.Storage;

/// <summary>
/// The bar store's settings, bound from <c>BarStore</c>; docs/bar-store.md lists them with their defaults. An empty
/// <see cref="Provider"/> is chosen by the clustering mode (<see cref="BarStoreProviders.Default"/>).
/// </summary>
public sealed class BarStoreOptions
{
    public const string Section = "BarStore";

    public string? Provider { get; set; }

    public SqliteStoreOptions Sqlite { get; set; } = new();

    public PostgresStoreOptions Postgres { get; set; } = new();

    public BarRetentionOptions Retention { get; set; } = new();

    /// <summary>Bars that may wait for the store while it is unreachable; a batch beyond this is dropped and its ranges reported lost.</summary>
    public int WriteQueueBars { get; set; } = 500_000;

    /// <summary>
    /// The longest a write waits for the store: a caller waiting longer is answered "queued", a store call taking
    /// longer counts as a failure.
    /// </summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait before the first retry of a failed write; it doubles on each failure up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a stopping process goes on writing what is queued, whatever its host's own shutdown timeout: the
    /// histories it fetched and has not yet stored are otherwise fetched again after the restart.
    /// </summary>
    public TimeSpan StopDrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often retention runs (the first run is one interval after start).</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Bars deleted per retention transaction, so that a sweep never holds the store for long.</summary>
    public int RetentionBatchSize { get; set; } = 10_000;
}
