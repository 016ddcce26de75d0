namespace OrleansMarketData.Sources.Alpaca;

/// <summary>The cluster-wide budget, held by one <see cref="RequestBudgetGrain"/> per feed.</summary>
public sealed class ClusterRequestBudget(IGrainFactory grains, Microsoft.Extensions.Options.IOptions<AlpacaOptions> options, TimeProvider time)
    : IRequestBudget
{
    private IRequestBudgetGrain Grain => grains.GetGrain<IRequestBudgetGrain>(options.Value.Feed);

    public async Task WaitTurnAsync(CancellationToken cancellationToken, bool priority = false)
    {
        var delay = await Grain.Reserve(options.Value.RequestsPerMinute, priority);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, time, cancellationToken);
    }

    public async Task PauseUntilAsync(DateTimeOffset until) => await Grain.PauseUntil(until);
}
