namespace OrleansMarketData.Sources.Simulated;

/// <summary>
/// Extra simulated tickers <c>SYN00001</c> … <c>SYN{count}</c>, enabled by <c>MarketData:Simulator:SyntheticSymbols</c>
/// for load tests that need more symbols than the named universe. Like the named tickers they are deterministic:
/// price level and volume come from the ticker's hash, so every process agrees on their bars.
/// </summary>
public static class SyntheticSymbols
{
    public const string Prefix = "SYN";
    public const int MaxCount = 20_000;
    private const int Digits = 5;

    /// <summary>The ticker of synthetic symbol <paramref name="index"/> (1-based).</summary>
    public static string Name(int index) => $"{Prefix}{index.ToString($"D{Digits}", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The profile of <paramref name="symbol"/> when it is one of the first <paramref name="count"/> synthetic tickers.</summary>
    public static SymbolProfile? Find(string symbol, int count)
    {
        if (count <= 0 || symbol.Length != Prefix.Length + Digits || !symbol.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var index = 0;
        for (var i = Prefix.Length; i < symbol.Length; i++)
        {
            var c = symbol[i];
            if (c is < '0' or > '9') return null;
            index = index * 10 + (c - '0');
        }
        if (index < 1 || index > count) return null;

        var seed = new SymbolProfile(symbol, 1, 1).Seed;
        // Prices from 10 to 500 and daily volumes from 1 to 50 million shares, spread log-uniformly by the hash.
        var basePrice = Math.Round(10 * Math.Pow(50, Unit(seed, 1)), 2);
        var volume = (long)(1_000_000 * Math.Pow(50, Unit(seed, 2)));
        return new SymbolProfile(symbol, basePrice, volume);
    }

    private static double Unit(ulong seed, long index) => PricePath.Unit(seed, index);
}
