namespace OrleansMarketData.Model;

/// <summary>Whether a symbol's data can be served.</summary>
[GenerateSerializer]
public enum SymbolState
{
    Ready,
    UnknownSymbol,
    Unavailable,
}
