using OrleansMarketData.Grains;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// Makes one method of a symbol grain fail for a while (<c>GetHistory</c> as when the call queues behind another that
/// gets no answer, <c>Watch</c> as when the gateway cannot reach the grain): from the first call after
/// <see cref="FailFor"/>, every call within the window is refused.
/// </summary>
public sealed class FailingSymbolCalls(string method) : IIncomingGrainCallFilter
{
    private readonly Lock _lock = new();
    private string? _symbol;
    private TimeSpan _window;
    private DateTimeOffset? _failingUntil;

    /// <summary>How many calls were refused so far.</summary>
    public int Refused { get; private set; }

    public void FailFor(string symbol, TimeSpan window)
    {
        lock (_lock) (_symbol, _window, _failingUntil) = (symbol, window, null);
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
            if (symbol != _symbol) return false;
            var now = DateTimeOffset.UtcNow;
            _failingUntil ??= now + _window;
            if (now >= _failingUntil) return false;
            Refused++;
            return true;
        }
    }
}
