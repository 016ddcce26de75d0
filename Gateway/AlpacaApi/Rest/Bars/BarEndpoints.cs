using OrleansMarketData.Gateway.Admission;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Json;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Parameters;
using OrleansMarketData.Gateway.OpenApi;
using OrleansMarketData.Gateway.OpenApi.Schemas;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Bars;

/// <summary>
/// Alpaca's stock bar endpoints (historical with paging, and latest), served from the symbol grains' caches. Symbols
/// the feed does not know (<see cref="KnownSymbols"/>) are answered as unknown without asking a symbol grain.
/// </summary>
public static class BarEndpoints
{
    private static readonly string[] LatestParameters = ["feed", "currency"];

    public static IEndpointRouteBuilder MapAlpacaBars(this IEndpointRouteBuilder v2)
    {
        // The literal "bars" routes win over "{symbol}" ones, so a symbol named BARS is reachable only through the multi form.
        const int invalid = StatusCodes.Status400BadRequest, unprocessable = StatusCodes.Status422UnprocessableEntity;
        v2.MapGet("/stocks/bars", GetMultiAsync)
            .DescribeAlpaca<AlpacaMultiBarsSchema>("GetAlpacaBars", "Historical bars of several symbols",
                "Alpaca's multi-symbol bars, paged over all symbols by next_page_token.", invalid, unprocessable)
            .WithParameters(RouteParameters.Alpaca.Bars(multi: true));
        v2.MapGet("/stocks/bars/latest", GetLatestMultiAsync)
            .DescribeAlpaca<AlpacaLatestBarsSchema>("GetAlpacaLatestBars", "The newest bar of several symbols",
                "Alpaca's latest bars; unknown symbols are left out of the map.", invalid)
            .WithParameters(RouteParameters.Alpaca.Latest(multi: true));
        v2.MapGet("/stocks/{symbol}/bars", GetSingleAsync)
            .DescribeAlpaca<AlpacaBarsSchema>("GetAlpacaSymbolBars", "Historical bars of a symbol",
                "Alpaca's single-symbol bars, paged by next_page_token.", invalid, StatusCodes.Status404NotFound, unprocessable)
            .WithParameters(RouteParameters.Alpaca.Bars(multi: false));
        v2.MapGet("/stocks/{symbol}/bars/latest", GetLatestSingleAsync)
            .DescribeAlpaca<AlpacaLatestBarSchema>("GetAlpacaSymbolLatestBar", "The newest bar of a symbol",
                "Alpaca's latest bar of one symbol.", invalid, StatusCodes.Status404NotFound)
            .WithParameters(RouteParameters.Alpaca.Latest(multi: false));
        return v2;
    }

    private static async Task<IResult> GetSingleAsync(string symbol, HttpRequest request, IClusterClient client, KnownSymbols known, ServedFeed served)
    {
        var query = BarsRequest.Single(symbol, request.Query, served);
        return AlpacaJson.SingleBars(query.Symbols[0], await BarReader.ReadAsync(client, query, known));
    }

    private static async Task<IResult> GetMultiAsync(HttpRequest request, IClusterClient client, KnownSymbols known, ServedFeed served) =>
        AlpacaJson.MultiBars(await BarReader.ReadAsync(client, BarsRequest.Multi(request.Query, served), known));

    private static async Task<IResult> GetLatestSingleAsync(string symbol, HttpRequest request, IClusterClient client, KnownSymbols known, ServedFeed served)
    {
        new AlpacaQuery(request.Query, LatestParameters).Feed(served);
        var ticker = AlpacaQuery.Symbol(symbol);
        if (!await known.IsKnownAsync(ticker)) throw AlpacaRequestRefused.NotFound($"unknown symbol '{ticker}'");
        var latest = await client.GetGrain<ISymbolGrain>(ticker).GetLatest();
        return latest switch
        {
            { State: SymbolState.Ready, Bar: { } bar } => AlpacaJson.LatestBar(ticker, bar),
            { State: SymbolState.UnknownSymbol } => throw AlpacaRequestRefused.NotFound($"unknown symbol '{ticker}'"),
            _ => throw AlpacaRequestRefused.Unavailable(latest.Error),
        };
    }

    /// <summary>Like Alpaca, unknown symbols are left out of the map rather than failing the request.</summary>
    private static async Task<IResult> GetLatestMultiAsync(HttpRequest request, IClusterClient client, KnownSymbols known, ServedFeed served)
    {
        var symbols = await known.KnownOnlyAsync(new AlpacaQuery(request.Query, [.. LatestParameters, "symbols"]).Feed(served).Symbols());
        var answers = await Task.WhenAll(symbols.Select(s => client.GetGrain<ISymbolGrain>(s).GetLatest().AsTask()));
        if (answers.FirstOrDefault(a => a.State is SymbolState.Unavailable or SymbolState.Loading) is { } failed)
            throw AlpacaRequestRefused.Unavailable(failed.Error);
        return AlpacaJson.LatestBars(symbols.Zip(answers)
            .Where(p => p.Second is { State: SymbolState.Ready, Bar: not null })
            .Select(p => KeyValuePair.Create(p.First, p.Second.Bar!)));
    }
}
