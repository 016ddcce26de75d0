using OrleansMarketData.Gateway.Admission;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Bars;

/// <summary>
/// Reads a page the way Alpaca pages: symbol by symbol, each in time order, the limit counting bars of all symbols
/// together. Symbols are asked one after another, each for only what is left of the limit, so a page never fetches
/// more than it sends. Each symbol's bars come from its grain's cache, and from the source (through
/// <see cref="IBarArchiveGrain"/>) for the part of the range older than the cache. Symbols the feed does not know
/// are left out, as at Alpaca, without asking their grains.
/// </summary>
public static class BarReader
{
    public static async Task<AlpacaBarsPage> ReadAsync(IClusterClient client, BarsRequest request, KnownSymbols known)
    {
        var symbols = await known.KnownOnlyAsync(request.Symbols);
        var series = new List<KeyValuePair<string, IReadOnlyList<Bar>>>();
        var remaining = request.Limit;
        var first = request.Page is { } page ? IndexOf(symbols, page.Symbol) : 0;
        // Symbols are read one by one, but a grain's first activation loads its history: start them all together,
        // so a request for a hundred new symbols (another cluster's batched history load) waits for one load, not a hundred.
        if (symbols.Count - first > 1)
            await Task.WhenAll(symbols.Skip(first).Select(s => client.GetGrain<ISymbolGrain>(s).WarmUp(request.Timeframe).AsTask()));
        for (var i = first; i < symbols.Count; i++)
        {
            var symbol = symbols[i];
            var resume = i == first ? request.Page?.Time : null;
            // With the limit used up, one bar tells whether this symbol still has some, i.e. whether a next page exists.
            var (bars, next) = await ReadSymbolAsync(client, symbol, request, resume, Math.Max(1, remaining));
            if (remaining == 0)
            {
                if (bars.Count > 0) return new AlpacaBarsPage(series, new PageToken(symbol, bars[0].Time));
                if (next is { } later) return new AlpacaBarsPage(series, new PageToken(symbol, later));
                continue;
            }
            if (bars.Count > 0) series.Add(new(symbol, bars));
            remaining -= bars.Count;
            if (next is { } resumeAt) return new AlpacaBarsPage(series, new PageToken(symbol, resumeAt));
        }
        return new AlpacaBarsPage(series, null);
    }

    /// <summary>At most <paramref name="limit"/> bars of one symbol, and where its next page would start.</summary>
    private static async Task<(IReadOnlyList<Bar> Bars, DateTimeOffset? Next)> ReadSymbolAsync(
        IClusterClient client, string symbol, BarsRequest request, DateTimeOffset? resume, int limit)
    {
        var cached = Checked(await client.GetGrain<ISymbolGrain>(symbol)
            .GetBars(request.Timeframe, new BarRangeQuery(request.Start, request.End, limit, request.Descending, resume)));
        if (cached is null) return ([], null);
        if (cached.CachedFrom is not { } cachedFrom || cached.Start >= cachedFrom || cached.Start > cached.End) return (cached.Bars, cached.Next);

        // Part of the range is older than the cache: read it from the source. Ascending, it comes first.
        var olderEnd = cached.End < cachedFrom ? cached.End : cachedFrom.AddTicks(-1);
        var archive = client.GetGrain<IBarArchiveGrain>(0);
        if (!request.Descending)
        {
            var older = Checked(await archive.GetBars(symbol, request.Timeframe, new BarRangeQuery(cached.Start, olderEnd, limit, false)));
            if (older is null) return ([], null);
            if (older.Next is not null) return (older.Bars, older.Next);
            var bars = older.Bars.Concat(cached.Bars).ToList();
            return bars.Count > limit ? (bars.GetRange(0, limit), bars[limit].Time) : (bars, cached.Next);
        }
        if (cached.Next is not null) return (cached.Bars, cached.Next);
        var left = limit - cached.Bars.Count;
        var newest = Checked(await archive.GetBars(symbol, request.Timeframe, new BarRangeQuery(cached.Start, olderEnd, Math.Max(1, left), true)));
        if (newest is null) return (cached.Bars, null);
        if (left == 0) return (cached.Bars, newest.Bars.Count > 0 ? newest.Bars[0].Time : null);
        return (cached.Bars.Concat(newest.Bars).ToList(), newest.Next);
    }

    /// <summary>Null for an unknown symbol (left out of the answer, as at Alpaca); a 503 when the data is unavailable.</summary>
    private static BarPage? Checked(BarPage page) => page.State switch
    {
        SymbolState.Ready => page,
        SymbolState.UnknownSymbol => null,
        _ => throw AlpacaRequestRefused.Unavailable(page.Error),
    };

    private static int IndexOf(IReadOnlyList<string> symbols, string symbol)
    {
        for (var i = 0; i < symbols.Count; i++)
        {
            if (symbols[i] == symbol) return i;
        }
        return 0;
    }
}
