namespace OrleansMarketData.Symbols;

/// <summary>
/// Where a symbol grain's history stands as a whole. A symbol the source knows is <see cref="Known"/>, each of its
/// timeframes loaded when first asked for (<see cref="TimeframeState"/>); it becomes <see cref="Unknown"/> when the
/// loads it made found no bar at all. A symbol the source does not know is <see cref="Unknown"/> from the start.
/// </summary>
public abstract record HistoryState
{
    private HistoryState()
    {
    }

    public sealed record Known(SymbolTimeframes Timeframes) : HistoryState;

    public sealed record Unknown(string Error) : HistoryState;
}
