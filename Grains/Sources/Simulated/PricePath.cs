namespace OrleansMarketData.Sources.Simulated;

/// <summary>
/// A deterministic price path: the log price at minute m is the symbol's base plus smooth noise at scales from one
/// minute to a few years. Every process computes the same price for the same (symbol, minute), with no state.
/// </summary>
internal static class PricePath
{
    private static readonly (double Minutes, double Amplitude)[] Octaves =
    [
        (1, 0.0005), (6, 0.0008), (30, 0.0015), (120, 0.003), (480, 0.005),
        (2_400, 0.01), (12_000, 0.025), (60_000, 0.06), (300_000, 0.12), (1_500_000, 0.2),
    ];

    public static double Price(SymbolProfile profile, long minute)
    {
        var log = 0.0;
        for (var k = 0; k < Octaves.Length; k++)
        {
            var (scale, amplitude) = Octaves[k];
            log += amplitude * Noise(profile.Seed + (ulong)k * 0x632BE59BD9B4E019UL, minute / scale);
        }
        return profile.BasePrice * Math.Exp(log);
    }

    /// <summary>A uniform number in [0, 1) for (seed, index).</summary>
    public static double Unit(ulong seed, long index) => (Mix(seed ^ ((ulong)index * 0xD1B54A32D192ED03UL)) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Value noise in [−1, 1]: random values at integer points, joined by smoothstep.</summary>
    private static double Noise(ulong seed, double x)
    {
        var i = (long)Math.Floor(x);
        var t = x - i;
        var a = 2 * Unit(seed, i) - 1;
        if (t == 0) return a;
        var b = 2 * Unit(seed, i + 1) - 1;
        t = t * t * (3 - 2 * t);
        return a + (b - a) * t;
    }

    /// <summary>SplitMix64's finaliser.</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
