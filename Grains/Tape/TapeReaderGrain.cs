using Orleans.Concurrency;
using OrleansMarketData.Grains;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tape;

/// <summary>
/// Serves trades and quotes from the cluster's <see cref="ITapeSource"/>. A stateless worker: reads of many clients
/// run side by side on every silo, and none holds up a symbol grain's live bars.
/// </summary>
[StatelessWorker]
public sealed class TapeReaderGrain(ITapeSource source) : Grain, ITapeReaderGrain
{
    public async ValueTask<TapePage> GetPage(TapeQuery query) => await source.ReadAsync(query, CancellationToken.None);

    /// <summary>
    /// What the live tape holds fresh is served from it; only the rest is asked of the source (on Alpaca, a request in
    /// the account's budget).
    /// </summary>
    public async ValueTask<LatestTape> GetLatest(IReadOnlyList<string> symbols, bool trades, bool quotes)
    {
        var (latestTrades, latestQuotes) = (new Dictionary<string, Trade>(), new Dictionary<string, Quote>());
        var ask = new List<string>();
        foreach (var symbol in symbols)
        {
            var (trade, quote) = FreshFromLiveTape(symbol);
            if (trades && trade is not null) latestTrades[symbol] = trade;
            if (quotes && quote is not null) latestQuotes[symbol] = quote;
            if ((trades && trade is null) || (quotes && quote is null)) ask.Add(symbol);
        }
        if (ask.Count == 0) return new LatestTape(TapeState.Ready, latestTrades, latestQuotes);

        var latest = await source.LatestAsync(ask, trades, quotes, CancellationToken.None);
        if (latest.State != TapeState.Ready) return latest;
        foreach (var (symbol, trade) in latest.Trades) latestTrades.TryAdd(symbol, trade);
        foreach (var (symbol, quote) in latest.Quotes) latestQuotes.TryAdd(symbol, quote);
        return latest with { Trades = latestTrades, Quotes = latestQuotes };
    }

    /// <summary>
    /// The seam for a live trades and quotes tape: the newest trade and quote of the symbol it has seen, when it can
    /// vouch that nothing newer has happened since (it is subscribed to the symbol and connected). The live tape
    /// (TapeRelay, on the feed grain's silo) keeps no newest values where this worker runs, so nothing yet: every latest
    /// value comes from the source.
    /// </summary>
    private static (Trade? Trade, Quote? Quote) FreshFromLiveTape(string symbol) => (null, null);
}
