namespace OrleansMarketData.Sources.Simulated;

/// <summary>A simulated ticker: its typical price and daily share volume.</summary>
public sealed record SymbolProfile(string Symbol, double BasePrice, long DailyVolume)
{
    /// <summary>Stable across processes and runs (unlike string.GetHashCode): FNV-1a of the ticker.</summary>
    public ulong Seed { get; } = SeedOf(Symbol);

    /// <summary>The <see cref="Seed"/> of a ticker, for callers that have only its name.</summary>
    public static ulong SeedOf(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
