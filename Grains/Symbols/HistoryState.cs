using OrleansMarketData.Aggregation;
using OrleansMarketData.Model;

namespace OrleansMarketData.Symbols;

/// <summary>
/// Where a symbol grain's history stands, and so what it can serve. A symbol the source knows starts
/// <see cref="Loading"/>; a load ends <see cref="Ready"/>, <see cref="Unknown"/> (the source has no bar of it at all)
/// or <see cref="Failed"/>, and a call a few seconds after a failure loads again. A symbol the source does not know
/// is <see cref="Unknown"/> from the start.
/// </summary>
public abstract record HistoryState
{
    private HistoryState()
    {
    }

    /// <summary>The history is being loaded; live bars that arrive meanwhile wait in <see cref="HeldBars"/>, in order.</summary>
    public sealed record Loading(List<Bar> HeldBars) : HistoryState
    {
        /// <summary>Completes when the load has ended, whichever state it left.</summary>
        public TaskCompletionSource Ended { get; } = new();
    }

    public sealed record Ready(SymbolHistory History) : HistoryState;

    public sealed record Unknown(string Error) : HistoryState;

    /// <summary>The load that started at <see cref="Started"/> failed.</summary>
    public sealed record Failed(string Error, DateTimeOffset Started) : HistoryState;
}
