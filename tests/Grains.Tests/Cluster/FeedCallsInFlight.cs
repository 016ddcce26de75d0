using OrleansMarketData.Grains;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>Counts the calls to the feed grain that are running now, by method: how many its turns let in at once.</summary>
public sealed class FeedCallsInFlight : IIncomingGrainCallFilter
{
    private readonly Dictionary<string, int> _running = [];
    private readonly Lock _lock = new();

    public int Running(string method)
    {
        lock (_lock) return _running.GetValueOrDefault(method);
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is not IMarketFeedGrain)
        {
            await context.Invoke();
            return;
        }
        var method = context.InterfaceMethod.Name;
        lock (_lock) _running[method] = _running.GetValueOrDefault(method) + 1;
        try
        {
            await context.Invoke();
        }
        finally
        {
            lock (_lock) _running[method]--;
        }
    }
}
