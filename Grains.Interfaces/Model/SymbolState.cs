namespace OrleansMarketData.Model;

/// <summary>Whether a symbol's data can be served.</summary>
[GenerateSerializer]
public enum SymbolState
{
    Ready,
    UnknownSymbol,
    Unavailable,

    /// <summary>
    /// The history is still loading (the silo loads a bounded number at a time, so a herd of new symbols queues):
    /// ask again shortly. Gateways wait on a reader's behalf rather than refusing it.
    /// </summary>
    Loading,
}
