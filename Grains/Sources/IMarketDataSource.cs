using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources;

/// <summary>
/// Where market data comes from: the simulator or Alpaca. Everything above this interface is the same for both.
/// </summary>
public interface IMarketDataSource
{
    /// <summary>Feed name, also the key of the feed's MarketFeedGrain (e.g. "sim", "iex").</summary>
    string FeedName { get; }

    bool IsAlpaca { get; }

    IMarketCalendar Calendar { get; }

    /// <summary>The market's current time (the simulator's clock may run faster than the wall clock).</summary>
    DateTimeOffset Now { get; }

    /// <summary>
    /// False for a symbol the source knows not to exist; true for one that exists or may (a source without a list of
    /// its symbols yet: the symbol's history then decides).
    /// </summary>
    ValueTask<bool> IsKnownSymbolAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="IsKnownSymbolAsync"/>, but null where that says "may exist" only because the source cannot
    /// tell yet (Alpaca before its asset list has arrived), so that callers do not remember the answer.
    /// </summary>
    async ValueTask<bool?> FindSymbolAsync(string symbol, CancellationToken cancellationToken) =>
        await IsKnownSymbolAsync(symbol, cancellationToken);

    /// <summary>The list of existing symbols the source fetched, for health; null when it has none.</summary>
    SymbolListing? Listing => null;

    /// <summary>
    /// The symbols the source lists, for clients that ask for "every symbol": the simulator's named tickers. A source
    /// where any symbol may exist (Alpaca) lists none.
    /// </summary>
    IReadOnlyList<string> ListedSymbols => [];

    /// <summary>
    /// At most the newest <paramref name="count"/> bars of a timeframe that started before <paramref name="asOf"/>,
    /// oldest first; the newest may still be forming.
    /// </summary>
    Task<BarHistory> GetBarsAsync(string symbol, Timeframe timeframe, int count, DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <summary>
    /// Every bar of a timeframe that starts in [<paramref name="from"/>, <paramref name="to"/>), oldest first; the
    /// newest may still be forming. What the bar store lacks after the range it holds.
    /// </summary>
    Task<IReadOnlyList<Bar>> GetBarsBetweenAsync(string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Opens the live connection. One per feed in the cluster: only MarketFeedGrain calls this.</summary>
    ILiveBarFeed OpenLiveFeed();
}
