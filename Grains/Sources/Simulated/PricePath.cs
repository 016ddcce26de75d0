namespace OrleansMarketData.Sources.Simulated;

/// <summary>
/// A deterministic price path: the log price at minute m is the symbol's base plus smooth noise at scales from one
/// minute to a few years. Every process computes the same price for the same (symbol, minute), with no state.
/// </summary>
internal static class PricePath
{
    /// <summary>
    /// The octaves of the noise: a lattice point every <c>1 / PerMinute</c> minutes, scaled by <c>Amplitude</c>. The
    /// position on an octave's lattice is the minute times <c>PerMinute</c>: a multiplication instead of a division,
    /// ten times per simulated minute, and a symbol's daily history walks a few hundred thousand minutes.
    /// </summary>
    private static readonly (double PerMinute, double Amplitude, ulong Salt)[] Octaves =
        new (double Minutes, double Amplitude)[]
        {
            (1, 0.0005), (6, 0.0008), (30, 0.0015), (120, 0.003), (480, 0.005),
            (2_400, 0.01), (12_000, 0.025), (60_000, 0.06), (300_000, 0.12), (1_500_000, 0.2),
        }.Select((o, k) => (1 / o.Minutes, o.Amplitude, (ulong)k * 0x632BE59BD9B4E019UL)).ToArray();

    public static double Price(SymbolProfile profile, long minute)
    {
        var log = 0.0;
        foreach (var (perMinute, amplitude, salt) in Octaves) log += amplitude * Noise(profile.Seed + salt, minute * perMinute);
        return profile.BasePrice * Math.Exp(log);
    }

    /// <summary>
    /// <see cref="Price"/> for ascending minutes, bit for bit, at a fraction of the cost: consecutive minutes share
    /// the lattice points of every octave but the first, so each point's hash is computed once instead of per minute.
    /// Loading a symbol's daily history walks a few hundred thousand minutes, and this is most of that time.
    /// </summary>
    public sealed class Walker(SymbolProfile profile)
    {
        private readonly long[] _index = Enumerable.Repeat(long.MinValue, Octaves.Length).ToArray();
        private readonly double[] _a = new double[Octaves.Length];
        private readonly double[] _b = new double[Octaves.Length];

        public double Price(long minute)
        {
            var log = 0.0;
            for (var k = 0; k < Octaves.Length; k++)
            {
                var (perMinute, amplitude, salt) = Octaves[k];
                log += amplitude * Noise(k, profile.Seed + salt, minute * perMinute);
            }
            return profile.BasePrice * Math.Exp(log);
        }

        /// <summary>The same arithmetic as <see cref="PricePath.Noise"/>, with the lattice values remembered.</summary>
        private double Noise(int k, ulong seed, double x)
        {
            var i = (long)Math.Floor(x);
            if (i != _index[k])
            {
                _a[k] = i == _index[k] + 1 ? _b[k] : 2 * Unit(seed, i) - 1;
                _b[k] = 2 * Unit(seed, i + 1) - 1;
                _index[k] = i;
            }
            var t = x - i;
            var a = _a[k];
            if (t == 0) return a;
            var b = _b[k];
            t = t * t * (3 - 2 * t);
            return a + (b - a) * t;
        }
    }

    /// <summary>A uniform number in [0, 1) for (seed, index).</summary>
    public static double Unit(ulong seed, long index) => (Bits(seed, index) >> 11) * (1.0 / (1UL << 53));

    /// <summary>64 random bits for (seed, index), for callers that need several numbers from one draw.</summary>
    public static ulong Bits(ulong seed, long index) => Mix(seed ^ ((ulong)index * 0xD1B54A32D192ED03UL));

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
