namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// The request budget split in two: a tenth of each window (at least one request) is kept for priority requests,
/// the live feed's backfill, so that it never queues behind a burst of history loads; the rest is everyone else's.
/// Each part is a <see cref="RequestSchedule"/> of its own, so no window ever holds more than the limit.
/// </summary>
public sealed class PrioritySchedule(TimeSpan window)
{
    private readonly RequestSchedule _priority = new(window);
    private readonly RequestSchedule _others = new(window);

    /// <summary>When a request reserved at <paramref name="now"/> may be sent.</summary>
    public DateTimeOffset Reserve(DateTimeOffset now, int limit, bool priority)
    {
        var reserved = Math.Max(1, limit / 10);
        return priority ? _priority.Reserve(now, reserved) : _others.Reserve(now, Math.Max(1, limit - reserved));
    }

    public void PauseUntil(DateTimeOffset until)
    {
        _priority.PauseUntil(until);
        _others.PauseUntil(until);
    }
}
