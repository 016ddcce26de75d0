namespace OrleansMarketData.Grains;

/// <summary>
/// Whether the feed knows a symbol, decided without activating its symbol grain: the simulator knows its universe,
/// Alpaca's asset list names its symbols (docs/operations.md, "Unknown symbols"); until the list has arrived any
/// symbol may exist, and a symbol grain's load decides. Stateless: any key, any silo; gateways ask it before they
/// activate a symbol grain, so a flood of unknown symbols activates none.
/// </summary>
public interface ISymbolDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>True or false when the source can tell; null when it cannot yet (Alpaca before its asset list).</summary>
    ValueTask<bool?> IsKnown(string symbol);
}
