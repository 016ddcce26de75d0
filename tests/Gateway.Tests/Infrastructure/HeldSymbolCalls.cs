using OrleansMarketData.Grains;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// Holds every <c>GetHistory</c> call for one symbol until the test releases them, as a grain whose history takes
/// long to load: the readers that made them wait meanwhile. Counted, not timed.
/// </summary>
public sealed class HeldSymbolCalls(string symbol) : IIncomingGrainCallFilter
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once a call is being held.</summary>
    public Task Holding => _holding.Task;

    public void Release() => _release.TrySetResult();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is ISymbolGrain
            && context.InterfaceMethod?.Name == nameof(ISymbolGrain.GetHistory)
            && context.TargetId.Key.ToString() == symbol)
        {
            _holding.TrySetResult();
            await _release.Task;
        }
        await context.Invoke();
    }
}
