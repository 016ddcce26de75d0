namespace OrleansMarketData.Bench.Load;

/// <summary>
/// Latencies in 0.1 ms buckets up to 30 s (and one overflow bucket), updated lock-free from every client's
/// receive loop, so recording costs one interlocked increment and no allocation.
/// </summary>
public sealed class LatencyHistogram
{
    private const double BucketMs = 0.1;
    private readonly long[] _buckets = new long[300_001];
    private long _count;
    private long _maxTicks = long.MinValue;
    private long _negative;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Samples below zero: the receipt was stamped before the computed emit time (clock skew, or a bad anchor).</summary>
    public long Negative => Interlocked.Read(ref _negative);

    public void Record(TimeSpan latency)
    {
        if (latency < TimeSpan.Zero)
        {
            Interlocked.Increment(ref _negative);
            latency = TimeSpan.Zero;
        }
        var index = (int)Math.Min(_buckets.Length - 1, latency.TotalMilliseconds / BucketMs);
        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
        var ticks = latency.Ticks;
        long seen;
        while (ticks > (seen = Interlocked.Read(ref _maxTicks)) && Interlocked.CompareExchange(ref _maxTicks, ticks, seen) != seen)
        {
        }
    }

    public double MaxMs => Count == 0 ? double.NaN : TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks)).TotalMilliseconds;

    /// <summary>The latency below which <paramref name="fraction"/> of the samples fall, at bucket resolution (upper edge).</summary>
    public double PercentileMs(double fraction)
    {
        var total = Count;
        if (total == 0) return double.NaN;
        var rank = (long)Math.Ceiling(fraction * total);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank) return Math.Min((i + 1) * BucketMs, MaxMs);
        }
        return MaxMs;
    }
}
