using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Bars;

/// <summary>One page of bars: per symbol in response order, and where the next page starts (null on the last).</summary>
public sealed record BarsPage(IReadOnlyList<KeyValuePair<string, IReadOnlyList<Bar>>> Series, PageToken? Next);

/// <summary>
/// Reads a page from the symbol grains the way Alpaca pages: symbol by symbol, each in time order, the limit
/// counting bars of all symbols together. Symbols are asked one after another, each for only what is left of the
/// limit, so a page never fetches more than it sends.
/// </summary>
public static class BarReader
{
    public static async Task<BarsPage> ReadAsync(IClusterClient client, BarsRequest request)
    {
        var series = new List<KeyValuePair<string, IReadOnlyList<Bar>>>();
        var remaining = request.Limit;
        var first = request.Page is { } page ? IndexOf(request.Symbols, page.Symbol) : 0;
        for (var i = first; i < request.Symbols.Count; i++)
        {
            var symbol = request.Symbols[i];
            var resume = i == first ? request.Page?.Time : null;
            // With the limit used up, one bar tells whether this symbol still has some, i.e. whether a next page exists.
            var query = new BarRangeQuery(request.Start, request.End, Math.Max(1, remaining), request.Descending, resume);
            var answer = await client.GetGrain<ISymbolGrain>(symbol).GetBars(request.Timeframe, query);
            switch (answer.State)
            {
                case SymbolState.UnknownSymbol:
                    continue;
                case SymbolState.Unavailable:
                    throw AlpacaRequestRefused.Unavailable(answer.Error);
            }
            if (answer.Bars.Count == 0) continue;
            if (remaining == 0) return new BarsPage(series, new PageToken(symbol, answer.Bars[0].Time));
            series.Add(new(symbol, answer.Bars));
            remaining -= answer.Bars.Count;
            if (answer.Next is { } next) return new BarsPage(series, new PageToken(symbol, next));
        }
        return new BarsPage(series, null);
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
