using OrleansMarketData.Gateway.Admission;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Trades;

/// <summary>
/// Asks the cluster's trades and quotes reader (<see cref="ITapeReaderGrain"/>), leaving out symbols the feed does not
/// know (<see cref="KnownSymbols"/>) as Alpaca leaves them out, and turns what the source could not do into Alpaca errors.
/// </summary>
public static class TapeReader
{
    public static async Task<TapePage> PageAsync(IClusterClient client, KnownSymbols known, TapeQuery query)
    {
        var symbols = await known.KnownOnlyAsync(query.Symbols);
        if (symbols.Count == 0) return new TapePage(TapeState.Ready, [], null);
        var page = await client.GetGrain<ITapeReaderGrain>(0).GetPage(query with { Symbols = symbols });
        return page.State switch
        {
            TapeState.Ready => page,
            TapeState.Refused => throw new AlpacaRequestRefused(page.Status, page.Error ?? "the request was refused"),
            _ => throw AlpacaRequestRefused.Unavailable(page.Error),
        };
    }

    /// <summary>The latest trades and quotes of the known symbols among <paramref name="symbols"/>, as of now.</summary>
    public static async Task<LatestTape> LatestAsync(IClusterClient client, IReadOnlyList<string> symbols, bool trades, bool quotes)
    {
        if (symbols.Count == 0) return new LatestTape(TapeState.Ready, new Dictionary<string, Trade>(), new Dictionary<string, Quote>());
        var latest = await client.GetGrain<ITapeReaderGrain>(0).GetLatest(symbols, trades, quotes);
        return latest.State == TapeState.Ready ? latest : throw AlpacaRequestRefused.Unavailable(latest.Error);
    }

    /// <summary>The symbol, or a 404 when the feed does not know it.</summary>
    public static async Task<string> KnownAsync(KnownSymbols known, string symbol)
    {
        var ticker = Parameters.AlpacaQuery.Symbol(symbol);
        return await known.IsKnownAsync(ticker) ? ticker : throw AlpacaRequestRefused.NotFound($"unknown symbol '{ticker}'");
    }
}
