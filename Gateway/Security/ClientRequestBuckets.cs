using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace OrleansMarketData.Gateway.Security;

/// <summary>
/// A token bucket per client for the REST rate limit (<see cref="ClientLimitsOptions.RequestsPerSecond"/>, refilled
/// continuously up to <see cref="ClientLimitsOptions.RequestBurst"/>). A request takes one token per symbol it names
/// (<see cref="ClientRateLimitFilter"/>), since each symbol is a grain to ask: a 200-symbol request costs what 200
/// requests cost. It is admitted when the bucket holds as many tokens as it costs, or a full bucket when it costs
/// more than the burst, and may then leave the bucket in debt, repaid at the average rate. Thread-safe; one per gateway.
/// </summary>
public sealed class ClientRequestBuckets(IOptions<ClientLimitsOptions> options)
{
    /// <summary>Above this many clients, buckets that have refilled (nothing owed, nothing to remember) are dropped.</summary>
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _sweeping = new();

    public bool Enabled => options.Value.RequestsPerSecond > 0;

    public int RequestsPerSecond => options.Value.RequestsPerSecond;

    /// <summary>Takes <paramref name="cost"/> tokens from the client's bucket; false, with how long to wait, when it has too few.</summary>
    public bool TryTake(string client, int cost, out TimeSpan retryAfter)
    {
        var limits = options.Value;
        retryAfter = TimeSpan.Zero;
        if (limits.RequestsPerSecond <= 0) return true;
        var bucket = _buckets.GetOrAdd(client, static (_, burst) => new Bucket(burst), limits.RequestBurst);
        var taken = bucket.TryTake(Math.Max(1, cost), limits.RequestsPerSecond, limits.RequestBurst, out retryAfter);
        if (_buckets.Count > SweepAbove) Sweep(limits);
        return taken;
    }

    private void Sweep(ClientLimitsOptions limits)
    {
        if (!_sweeping.TryEnter()) return;
        try
        {
            foreach (var (client, bucket) in _buckets)
            {
                if (bucket.IsFull(limits.RequestsPerSecond, limits.RequestBurst)) _buckets.TryRemove(client, out _);
            }
        }
        finally
        {
            _sweeping.Exit();
        }
    }

    /// <summary>One client's tokens; fractional, refilled from the elapsed time whenever it is read.</summary>
    private sealed class Bucket(int full)
    {
        private readonly Lock _lock = new();
        private double _tokens = full;
        private long _at = Stopwatch.GetTimestamp();

        public bool TryTake(int cost, int perSecond, int burst, out TimeSpan retryAfter)
        {
            lock (_lock)
            {
                Refill(perSecond, burst);
                var needed = Math.Min(cost, burst);
                if (_tokens < needed)
                {
                    retryAfter = TimeSpan.FromSeconds((needed - _tokens) / perSecond);
                    return false;
                }
                _tokens -= cost;
                retryAfter = TimeSpan.Zero;
                return true;
            }
        }

        public bool IsFull(int perSecond, int burst)
        {
            lock (_lock)
            {
                Refill(perSecond, burst);
                return _tokens >= burst;
            }
        }

        private void Refill(int perSecond, int burst)
        {
            var now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + Stopwatch.GetElapsedTime(_at, now).TotalSeconds * perSecond);
            _at = now;
        }
    }
}
