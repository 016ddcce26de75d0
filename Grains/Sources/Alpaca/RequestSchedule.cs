namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// A sliding-window rate limit: at most N requests in any window. A request that does not fit is scheduled for
/// the moment the oldest request in its window leaves it, so bursts queue instead of failing.
/// </summary>
public sealed class RequestSchedule(TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _granted = new();
    private DateTimeOffset _pausedUntil;

    /// <summary>When a request reserved at <paramref name="now"/> may be sent.</summary>
    public DateTimeOffset Reserve(DateTimeOffset now, int limit)
    {
        while (_granted.Count > 0 && _granted.Peek() <= now - window) _granted.Dequeue();
        var at = now > _pausedUntil ? now : _pausedUntil;
        while (_granted.Count >= limit)
        {
            var oldest = _granted.Dequeue();
            if (oldest + window > at) at = oldest + window;
        }
        // Keep grants in time order: a reservation never goes before one already made.
        if (_granted.Count > 0 && _granted.Last() > at) at = _granted.Last();
        _granted.Enqueue(at);
        return at;
    }

    public void PauseUntil(DateTimeOffset until)
    {
        if (until > _pausedUntil) _pausedUntil = until;
    }
}
