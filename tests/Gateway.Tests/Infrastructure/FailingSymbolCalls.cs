using OrleansMarketData.Grains;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// Makes one method of a symbol grain fail (<c>GetHistory</c> as when the call queues behind another that gets no
/// answer, <c>Watch</c> as when the gateway cannot reach the grain): the next <see cref="FailNext"/> calls for the
/// symbol are refused. Counted, not timed, so that a slow machine refuses as many as a fast one.
/// </summary>
public sealed class FailingSymbolCalls(string method) : IIncomingGrainCallFilter
{
    private readonly Lock _lock = new();
    private string? _symbol;
    private int _toRefuse;

    /// <summary>How many calls were refused so far.</summary>
    public int Refused { get; private set; }

    public void FailNext(string symbol, int calls)
    {
        lock (_lock) (_symbol, _toRefuse) = (symbol, calls);
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is ISymbolGrain
            && context.InterfaceMethod?.Name == method
            && Refuses(context.TargetId.Key.ToString()))
        {
            throw new TimeoutException($"{method} call refused by the test");
        }
        await context.Invoke();
    }

    private bool Refuses(string symbol)
    {
        lock (_lock)
        {
            if (symbol != _symbol || _toRefuse == 0) return false;
            _toRefuse--;
            Refused++;
            return true;
        }
    }
}
