namespace OrleansMarketData.Bench.Baseline;

/// <summary>
/// One live bar of the baseline: a cheap random walk with the gateway's fields (prices in cents, a volume, the
/// simulator's trade count and VWAP), computed once per symbol and minute and then encoded once per wire format.
/// </summary>
public sealed record BarValues(string Symbol, DateTimeOffset Start, double Open, double High, double Low, double Close, long Volume,
    long TradeCount, double Vwap)
{
    public static BarValues Of(string symbol, DateTimeOffset barStart)
    {
        var random = new Random(HashCode.Combine(symbol, barStart.UtcTicks));
        var close = Math.Round(50 + random.NextDouble() * 400, 2);
        var volume = random.Next(10_000, 500_000);
        return new(symbol, barStart, Math.Round(close * 0.999, 2), Math.Round(close * 1.001, 2), Math.Round(close * 0.998, 2), close,
            volume, (long)Math.Min(20, Math.Sqrt(volume) / 8), Math.Round(close * (1 + (random.NextDouble() - 0.5) * 1e-3), 4));
    }
}
