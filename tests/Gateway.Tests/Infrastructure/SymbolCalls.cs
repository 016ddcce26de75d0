using System.Collections.Concurrent;
using OrleansMarketData.Grains;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>Counts the calls symbol grains of the in-process silo receive, per symbol and method.</summary>
public sealed class SymbolCalls : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(string Symbol, string Method), int> _counts = new();

    public int Count(string symbol, string method) => _counts.GetValueOrDefault((symbol, method));

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is ISymbolGrain && context.InterfaceMethod?.Name is { } method)
            _counts.AddOrUpdate((context.TargetId.Key.ToString()!, method), 1, (_, n) => n + 1);
        return context.Invoke();
    }
}
