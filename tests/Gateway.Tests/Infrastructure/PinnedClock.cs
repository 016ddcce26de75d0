namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// A clock that reads <paramref name="start"/> when it is made and runs at wall speed from there: the market
/// time of an in-process gateway on Alpaca and of its fake upstream. Timers and timestamps are the machine's.
/// </summary>
public sealed class PinnedClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _created = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + System.GetElapsedTime(_created);
}
