namespace OrleansMarketData.Sources.Simulated;

/// <summary>
/// The tickers the simulator knows, plus <see cref="SyntheticSymbols"/> when configured; any other symbol is unknown (404).
/// </summary>
public static class SymbolUniverse
{
    public static IReadOnlyList<SymbolProfile> All { get; } =
    [
        new("AAPL", 190, 55_000_000),
        new("MSFT", 410, 22_000_000),
        new("GOOGL", 165, 25_000_000),
        new("AMZN", 185, 40_000_000),
        new("TSLA", 240, 95_000_000),
        new("SPY", 520, 70_000_000),
        new("QQQ", 440, 40_000_000),
        new("NVDA", 120, 250_000_000),
        new("META", 500, 15_000_000),
        new("NFLX", 650, 4_000_000),
        new("AMD", 150, 50_000_000),
        new("INTC", 30, 45_000_000),
        new("JPM", 200, 9_000_000),
        new("BAC", 40, 35_000_000),
        new("V", 275, 6_000_000),
        new("WMT", 70, 15_000_000),
        new("KO", 62, 12_000_000),
        new("DIS", 100, 9_000_000),
        new("BRK.B", 420, 3_500_000),
        new("IWM", 210, 30_000_000),
    ];

    private static readonly Dictionary<string, SymbolProfile> BySymbol = All.ToDictionary(p => p.Symbol, StringComparer.Ordinal);

    public static SymbolProfile? Find(string symbol) => BySymbol.GetValueOrDefault(symbol);

    /// <summary>A named ticker, or one of the first <paramref name="syntheticCount"/> synthetic ones.</summary>
    public static SymbolProfile? Find(string symbol, int syntheticCount) =>
        Find(symbol) ?? SyntheticSymbols.Find(symbol, syntheticCount);
}
