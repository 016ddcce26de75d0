using OrleansMarketData.Grains;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// Makes a symbol grain's <c>GetHistory</c> fail for a while, as when the call queues behind a publish that gets no
/// answer: from the first call after <see cref="FailFor"/>, every call within the window is refused.
/// </summary>
public sealed class FailingHistory : IIncomingGrainCallFilter
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
            && context.InterfaceMethod?.Name == nameof(ISymbolGrain.GetHistory)
            && Refuses(context.TargetId.Key.ToString()))
        {
            throw new TimeoutException("history call refused by the test");
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
