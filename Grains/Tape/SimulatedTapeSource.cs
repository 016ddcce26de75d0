using Microsoft.Extensions.Options;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Tape;

/// <summary>
/// The simulator's trades and quotes (docs/alpaca-compatibility.md, "The simulator's trades and quotes"): those of its
/// minute bars, nothing after the simulated clock's now. The minute in progress counts: its bar is a pure function of
/// the symbol and the minute, so its trades up to now are known. Pages go symbol by symbol, each in the asked order,
/// the limit counting the items of all symbols together, as Alpaca pages.
/// </summary>
public sealed class SimulatedTapeSource(SimulatedMarket market, SimulatedClock clock, IMarketCalendar calendar, IOptions<SimulatorOptions> options)
    : ITapeSource
{
    /// <summary>The oldest day the simulator makes bars for (<see cref="SimulatedMarket.Bars"/> stops there).</summary>
    private static readonly DateTimeOffset Oldest = new(2005, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far back the newest trade or quote is looked for: past any weekend and holiday run.</summary>
    private static readonly TimeSpan LatestReach = TimeSpan.FromDays(14);

    private readonly int _synthetic = options.Value.SyntheticSymbols;

    // Computing minutes is CPU work: off the calling grain's scheduler.
    public Task<TapePage> ReadAsync(TapeQuery query, CancellationToken cancellationToken) =>
        Task.Run(() => query.Kind == TapeKind.Trades
            ? Read(query, t => t.Trades, t => t.Time, (s, items) => new SymbolTape(s, items, []))
            : Read(query, t => t.Quotes, q => q.Time, (s, items) => new SymbolTape(s, [], items)), cancellationToken);

    public Task<LatestTape> LatestAsync(IReadOnlyList<string> symbols, bool trades, bool quotes, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            var now = clock.Now;
            var (latestTrades, latestQuotes) = (new Dictionary<string, Trade>(), new Dictionary<string, Quote>());
            foreach (var symbol in symbols)
            {
                if (SymbolUniverse.Find(symbol, _synthetic) is not { } profile) continue;
                if (trades && Newest(profile, now, t => t.Trades, t => t.Time) is { } trade) latestTrades[symbol] = trade;
                if (quotes && Newest(profile, now, t => t.Quotes, q => q.Time) is { } quote) latestQuotes[symbol] = quote;
            }
            return new LatestTape(TapeState.Ready, latestTrades, latestQuotes);
        }, cancellationToken);

    private T? Newest<T>(SymbolProfile profile, DateTimeOffset now, Func<MinuteTape, IReadOnlyList<T>> pick, Func<T, DateTimeOffset> time)
        where T : class =>
        SimulatedTapeWalk.Items(market, calendar, profile, now - LatestReach, now, descending: true, pick, time).FirstOrDefault();

    private TapePage Read<T>(
        TapeQuery query, Func<MinuteTape, IReadOnlyList<T>> pick, Func<T, DateTimeOffset> time, Func<string, IReadOnlyList<T>, SymbolTape> series)
    {
        TapeToken? token = null;
        if (query.PageToken is { } text && (token = TapeToken.Decode(text, query.Symbols)) is null) return TapePage.Refused(TapeToken.Invalid);
        var now = clock.Now;
        // Alpaca's defaults: from the start of the current day to now.
        var from = query.Start ?? NewYorkTime.StartOfDay(NewYorkTime.DateOf(now));
        if (from < Oldest) from = Oldest;
        var to = query.End is { } end && end < now ? end : now;

        var pages = new List<SymbolTape>();
        var remaining = query.Limit;
        var first = token is null ? 0 : IndexOf(query.Symbols, token.Symbol);
        for (var i = first; i < query.Symbols.Count; i++)
        {
            var symbol = query.Symbols[i];
            if (SymbolUniverse.Find(symbol, _synthetic) is not { } profile) continue;
            var (low, high) = (from, to);
            if (i == first && token is not null)
            {
                if (query.Descending) high = token.Time < high ? token.Time : high;
                else low = token.Time > low ? token.Time : low;
            }
            // One item more than fits tells whether a next page exists, and where it starts.
            var items = SimulatedTapeWalk.Items(market, calendar, profile, low, high, query.Descending, pick, time).Take(remaining + 1).ToList();
            if (items.Count > remaining)
            {
                if (remaining > 0) pages.Add(series(symbol, items.GetRange(0, remaining)));
                return new TapePage(TapeState.Ready, pages, new TapeToken(symbol, time(items[remaining])).Encode());
            }
            if (items.Count > 0) pages.Add(series(symbol, items));
            remaining -= items.Count;
        }
        return new TapePage(TapeState.Ready, pages, null);
    }

    private static int IndexOf(IReadOnlyList<string> symbols, string symbol)
    {
        for (var i = 0; i < symbols.Count; i++)
        {
            if (symbols[i] == symbol) return i;
        }
        return 0;
    }
}
