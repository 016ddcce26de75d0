namespace OrleansMarketData.Storage;

/// <summary><c>BarStore:Postgres</c>: the shared store of a cluster.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>An Npgsql connection string; required for the Postgres provider. It holds a password: never logged.</summary>
    public string? ConnectionString { get; set; }
}
