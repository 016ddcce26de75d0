using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Tests.Simulated;

/// <summary>The walker that daily history uses must give exactly the prices of the per-minute formula.</summary>
public sealed class PricePathWalkerTests
{
    [Theory]
    [InlineData("AAPL", 13_000_000L)]
    [InlineData("BRK.B", 0L)]
    [InlineData("SYN00042", 13_500_123L)]
    public void Walker_prices_equal_per_minute_prices_bit_for_bit(string symbol, long firstMinute)
    {
        var profile = SymbolUniverse.Find(symbol, 100)!;
        var walker = new PricePath.Walker(profile);
        // Three days of minutes: crosses lattice points of every octave up to a few days long.
        for (var m = firstMinute; m < firstMinute + 3 * 1440; m++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(PricePath.Price(profile, m)), BitConverter.DoubleToInt64Bits(walker.Price(m)));
    }

    [Fact]
    public void Walker_may_skip_minutes()
    {
        var profile = SymbolUniverse.Find("MSFT")!;
        var walker = new PricePath.Walker(profile);
        foreach (var m in new long[] { 5, 6, 400, 100_000, 100_001, 3_000_000 })
            Assert.Equal(PricePath.Price(profile, m), walker.Price(m));
    }
}
