using OrleansMarketData.Gateway.Admission;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Json;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Parameters;
using OrleansMarketData.Gateway.OpenApi;
using OrleansMarketData.Gateway.OpenApi.Schemas;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Trades;

/// <summary>
/// Alpaca's stock trades and quotes endpoints: historical with paging, and latest, for one symbol or several. The
/// simulator computes them from its minute bars, an Alpaca source passes them through (docs/alpaca-compatibility.md).
/// </summary>
public static class TapeEndpoints
{
    private static readonly string[] LatestParameters = ["feed", "currency"];

    public static IEndpointRouteBuilder MapAlpacaTrades(this IEndpointRouteBuilder v2)
    {
        foreach (var kind in new[] { TapeKind.Trades, TapeKind.Quotes })
        {
            var (path, name) = kind == TapeKind.Trades ? ("trades", "Trades") : ("quotes", "Quotes");
            var (one, item) = kind == TapeKind.Trades ? ("trade", "Trade") : ("quote", "Quote");
            const int invalid = StatusCodes.Status400BadRequest, unprocessable = StatusCodes.Status422UnprocessableEntity;
            v2.MapGet($"/stocks/{path}", (HttpRequest r, IClusterClient c, KnownSymbols k, ServedFeed f) => MultiAsync(kind, r, c, k, f))
                .Describe<AlpacaMultiTradesSchema, AlpacaMultiQuotesSchema>(kind, $"GetAlpaca{name}", $"Historical {path} of several symbols",
                    $"Alpaca's multi-symbol {path}, by symbol then time, paged over all symbols by next_page_token. Unknown symbols are left out.", invalid, unprocessable)
                .WithParameters(RouteParameters.Alpaca.Tape(multi: true));
            v2.MapGet($"/stocks/{path}/latest", (HttpRequest r, IClusterClient c, KnownSymbols k, ServedFeed f) => LatestMultiAsync(kind, r, c, k, f))
                .Describe<AlpacaLatestTradesSchema, AlpacaLatestQuotesSchema>(kind, $"GetAlpacaLatest{name}", $"The newest {one} of several symbols",
                    $"Alpaca's latest {path}, as of now; unknown symbols are left out of the map.", invalid, unprocessable)
                .WithParameters(RouteParameters.Alpaca.Latest(multi: true));
            v2.MapGet($"/stocks/{{symbol}}/{path}", (string symbol, HttpRequest r, IClusterClient c, KnownSymbols k, ServedFeed f) => SingleAsync(kind, symbol, r, c, k, f))
                .Describe<AlpacaTradesSchema, AlpacaQuotesSchema>(kind, $"GetAlpacaSymbol{name}", $"Historical {path} of a symbol",
                    $"Alpaca's single-symbol {path}, paged by next_page_token.", invalid, unprocessable)
                .WithParameters(RouteParameters.Alpaca.Tape(multi: false));
            v2.MapGet($"/stocks/{{symbol}}/{path}/latest", (string symbol, HttpRequest r, IClusterClient c, KnownSymbols k, ServedFeed f) => LatestSingleAsync(kind, symbol, r, c, k, f))
                .Describe<AlpacaLatestTradeSchema, AlpacaLatestQuoteSchema>(kind, $"GetAlpacaSymbolLatest{item}", $"The newest {one} of a symbol",
                    $"Alpaca's latest {one} of one symbol, as of now.", invalid, StatusCodes.Status404NotFound, unprocessable)
                .WithParameters(RouteParameters.Alpaca.Latest(multi: false));
        }
        return v2;
    }

    /// <summary>Documents the route with the trades or the quotes shape.</summary>
    private static RouteHandlerBuilder Describe<TTrades, TQuotes>(
        this RouteHandlerBuilder route, TapeKind kind, string name, string summary, string description, params int[] errors) =>
        kind == TapeKind.Trades
            ? route.DescribeAlpaca<TTrades>(name, summary, description, errors)
            : route.DescribeAlpaca<TQuotes>(name, summary, description, errors);

    private static async Task<IResult> SingleAsync(TapeKind kind, string symbol, HttpRequest request, IClusterClient client, KnownSymbols known, ServedFeed served)
    {
        var query = TapeRequest.Single(kind, symbol, request.Query, served);
        return AlpacaTapeJson.Single(kind, query.Symbols[0], await TapeReader.PageAsync(client, known, query));
    }

    private static async Task<IResult> MultiAsync(TapeKind kind, HttpRequest request, IClusterClient client, KnownSymbols known, ServedFeed served) =>
        AlpacaTapeJson.Multi(kind, await TapeReader.PageAsync(client, known, TapeRequest.Multi(kind, request.Query, served)));

    private static async Task<IResult> LatestSingleAsync(TapeKind kind, string symbol, HttpRequest request, IClusterClient client, KnownSymbols known, ServedFeed served)
    {
        new AlpacaQuery(request.Query, LatestParameters).Feed(served);
        var ticker = await TapeReader.KnownAsync(known, symbol);
        var latest = await TapeReader.LatestAsync(client, [ticker], kind == TapeKind.Trades, kind == TapeKind.Quotes);
        var trade = latest.Trades.GetValueOrDefault(ticker);
        var quote = latest.Quotes.GetValueOrDefault(ticker);
        // A symbol the source knows but that has never traded (or quoted) within reach.
        if (trade is null && quote is null) throw AlpacaRequestRefused.NotFound($"no {(kind == TapeKind.Trades ? "trade" : "quote")} found for '{ticker}'");
        return AlpacaTapeJson.LatestSingle(ticker, trade, quote);
    }

    private static async Task<IResult> LatestMultiAsync(TapeKind kind, HttpRequest request, IClusterClient client, KnownSymbols known, ServedFeed served)
    {
        var symbols = await known.KnownOnlyAsync(new AlpacaQuery(request.Query, [.. LatestParameters, "symbols"]).Feed(served).Symbols());
        var latest = await TapeReader.LatestAsync(client, symbols, kind == TapeKind.Trades, kind == TapeKind.Quotes);
        return AlpacaTapeJson.LatestMulti(kind, latest, symbols);
    }
}
