namespace OrleansMarketData.Storage;

/// <summary>The values of <c>BarStore:Provider</c>, and the one used when it is not set.</summary>
public static class BarStoreProviders
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public const string None = "None";

    public static IReadOnlyList<string> All { get; } = [Sqlite, Postgres, None];

    /// <summary>
    /// A file beside a standalone process needs no set-up; silos of a cluster may run on several machines and
    /// share one PostgreSQL.
    /// </summary>
    public static string Default(bool clusterMode) => clusterMode ? Postgres : Sqlite;

    /// <summary>The provider's name as spelled here (the setting is case-insensitive); null when it is none of them.</summary>
    public static string? Canonical(string? name) =>
        All.FirstOrDefault(p => string.Equals(p, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
