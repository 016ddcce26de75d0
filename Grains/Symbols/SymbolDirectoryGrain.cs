using Orleans.Concurrency;
using OrleansMarketData.Sources;

namespace OrleansMarketData.Symbols;

/// <summary>Answers <see cref="ISymbolDirectoryGrain.IsKnown"/> from the silo's source; no state, any number per silo.</summary>
[StatelessWorker]
public sealed class SymbolDirectoryGrain(IMarketDataSource source) : Grain, ISymbolDirectoryGrain
{
    public ValueTask<bool?> IsKnown(string symbol) => source.FindSymbolAsync(symbol, CancellationToken.None);
}
