namespace OrleansMarketData.FakeAlpaca;

/// <summary>One bars request as the fake received it: its symbols, timeframe and [start, end] range.</summary>
public sealed record BarQuery(IReadOnlyList<string> Symbols, string Timeframe, DateTimeOffset Start, DateTimeOffset End)
{
    public bool Overlaps(string symbol, string timeframe, DateTimeOffset from, DateTimeOffset to) =>
        Symbols.Contains(symbol) && Timeframe == timeframe && Start <= to && End >= from;
}
