using OrleansMarketData.Grains;

namespace OrleansMarketData.Delivery;

/// <summary>
/// The gateways registered with one symbol grain for its live batches. A registration lapses unless renewed
/// within <see cref="WatchRegistration.Expiry"/>, so a gateway that died without saying so is dropped.
/// </summary>
public sealed class CandleWatchers(TimeProvider time)
{
    private readonly Dictionary<ICandleObserver, DateTimeOffset> _renewed = [];

    /// <summary>The registered observers, as an array rebuilt only when the set changes: read for every batch.</summary>
    public ICandleObserver[] Current { get; private set; } = [];

    public void Renew(ICandleObserver observer)
    {
        var added = !_renewed.ContainsKey(observer);
        _renewed[observer] = time.GetUtcNow();
        if (added) Current = [.. _renewed.Keys];
    }

    public void Remove(ICandleObserver observer)
    {
        if (_renewed.Remove(observer)) Current = [.. _renewed.Keys];
    }

    public void DropExpired()
    {
        var cutoff = time.GetUtcNow() - WatchRegistration.Expiry;
        var expired = _renewed.Where(r => r.Value < cutoff).Select(r => r.Key).ToList();
        foreach (var observer in expired) _renewed.Remove(observer);
        if (expired.Count > 0) Current = [.. _renewed.Keys];
    }
}
