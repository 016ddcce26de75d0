namespace OrleansMarketData.Grains;

/// <summary>
/// Whether the feed knows a symbol, decided without activating its symbol grain: the simulator knows its universe;
/// a source where any symbol may exist (Alpaca) says yes, and a symbol grain's load decides. Stateless: any key, any
/// silo; gateways ask it before they activate a symbol grain, so a flood of unknown symbols activates none.
/// </summary>
public interface ISymbolDirectoryGrain : IGrainWithIntegerKey
{
    ValueTask<bool> IsKnown(string symbol);
}
