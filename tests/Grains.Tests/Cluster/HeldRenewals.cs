using OrleansMarketData.Grains;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// Holds a chosen symbol's renewals at the feed grain until released, as a feed busy publishing a minute's bars
/// keeps its callers waiting.
/// </summary>
public sealed class HeldRenewals : IIncomingGrainCallFilter
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _symbol;

    /// <summary>Completes when a renewal of the chosen symbol arrived and is being held.</summary>
    public Task Held => _held.Task;

    public void Hold(string symbol) => _symbol = symbol;

    public void Release() => _released.TrySetResult();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is IMarketFeedGrain
            && context.InterfaceMethod.Name == nameof(IMarketFeedGrain.Renew)
            && _symbol is { } symbol
            && Equals(context.Request.GetArgument(0), symbol))
        {
            _held.TrySetResult();
            await _released.Task;
        }
        await context.Invoke();
    }
}
