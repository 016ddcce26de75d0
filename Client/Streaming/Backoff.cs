namespace OrleansMarketData.Client.Streaming;

/// <summary>Doubling reconnect delays from the initial to the maximum, each with up to a fifth taken off at random so that many clients of one restarted gateway do not return in step.</summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    private readonly TimeSpan _initial = initial;
    private TimeSpan _next = initial;

    public int Failures { get; private set; }

    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(max.Ticks, _next.Ticks * 2));
        Failures++;
        return delay - TimeSpan.FromTicks((long)(delay.Ticks * 0.2 * Random.Shared.NextDouble()));
    }

    public void Reset()
    {
        _next = _initial;
        Failures = 0;
    }
}
