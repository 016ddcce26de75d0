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

    public async ValueTask<LatestTape> GetLatest(IReadOnlyList<string> symbols, bool trades, bool quotes)
    {
        var latest = await source.LatestAsync(symbols, trades, quotes, CancellationToken.None);
        if (latest.State != TapeState.Ready) return latest;
        var (latestTrades, latestQuotes) = (new Dictionary<string, Trade>(latest.Trades), new Dictionary<string, Quote>(latest.Quotes));
        foreach (var symbol in symbols)
        {
            var (trade, quote) = FreshFromLiveTape(symbol);
            if (trades && trade is not null && (!latestTrades.TryGetValue(symbol, out var t) || trade.Time > t.Time)) latestTrades[symbol] = trade;
            if (quotes && quote is not null && (!latestQuotes.TryGetValue(symbol, out var q) || quote.Time > q.Time)) latestQuotes[symbol] = quote;
        }
        return latest with { Trades = latestTrades, Quotes = latestQuotes };
    }

    /// <summary>
    /// The seam for the live trades and quotes tape: the newest trade and quote it has seen of the symbol, served before
    /// the source's when newer. There is no live tape in the cluster yet, so nothing.
    /// </summary>
    private static (Trade? Trade, Quote? Quote) FreshFromLiveTape(string symbol) => (null, null);
}
