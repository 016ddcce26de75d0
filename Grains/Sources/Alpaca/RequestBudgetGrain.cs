namespace OrleansMarketData.Sources.Alpaca;

/// <summary>Holds the cluster's <see cref="RequestSchedule"/> for one upstream account.</summary>
public sealed class RequestBudgetGrain(TimeProvider time) : Grain, IRequestBudgetGrain
{
    /// <summary>A minute plus a margin for clock differences between us and the upstream.</summary>
    private readonly PrioritySchedule _schedule = new(TimeSpan.FromSeconds(61));

    public ValueTask<TimeSpan> Reserve(int requestsPerMinute, bool priority)
    {
        var now = time.GetUtcNow();
        return ValueTask.FromResult(_schedule.Reserve(now, requestsPerMinute, priority) - now);
    }

    public ValueTask PauseUntil(DateTimeOffset until)
    {
        _schedule.PauseUntil(until);
        return ValueTask.CompletedTask;
    }
}
