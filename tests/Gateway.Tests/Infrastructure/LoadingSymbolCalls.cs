using OrleansMarketData.Grains;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// Makes a symbol's grain answer "still loading", as while the silo's loads queue behind a herd of others: the next
/// <see cref="LoadingFor"/> calls of <c>GetHistory</c> and <c>GetLatest</c> for the symbol are answered
/// <see cref="SymbolState.Loading"/> without reaching the grain (int.MaxValue: until told otherwise). Counted, not timed.
/// </summary>
public sealed class LoadingSymbolCalls : IIncomingGrainCallFilter
{
    private readonly Lock _lock = new();
    private string? _symbol;
    private int _calls;

    /// <summary>How many calls were answered "loading" so far.</summary>
    public int Answered { get; private set; }

    public void LoadingFor(string symbol, int calls)
    {
        lock (_lock) (_symbol, _calls) = (symbol, calls);
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is ISymbolGrain && Loading(context.TargetId.Key.ToString()!))
        {
            var error = $"history of {context.TargetId.Key} is still loading; retry shortly";
            switch (context.InterfaceMethod?.Name)
            {
                case nameof(ISymbolGrain.GetHistory):
                    context.Result = new HistorySnapshot(SymbolState.Loading, [], 0, 0, new MovingAveragePeriods(40, 80, 160), error);
                    return;
                case nameof(ISymbolGrain.GetLatest):
                    context.Result = new LatestBar(SymbolState.Loading, null, error);
                    return;
            }
        }
        await context.Invoke();
    }

    private bool Loading(string symbol)
    {
        lock (_lock)
        {
            if (symbol != _symbol || _calls == 0) return false;
            if (_calls != int.MaxValue) _calls--;
            Answered++;
            return true;
        }
    }
}
