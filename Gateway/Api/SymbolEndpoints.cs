using OrleansMarketData.Gateway.Admission;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Gateway.OpenApi;
using OrleansMarketData.Gateway.OpenApi.Schemas;
using OrleansMarketData.Gateway.Security;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Api;

/// <summary>
/// <c>/api/symbols/{symbol}/historical</c> and <c>/latest</c>, written by <see cref="CandleJson"/>; bad input is a 400,
/// an unknown symbol a 404 and data the cluster cannot serve now a 503, each with <c>{"error"}</c>. A history still
/// loading, or a gateway with too many requests waiting for one (<see cref="HistoryQueue"/>), is a 503 with
/// <c>Retry-After</c>.
/// </summary>
public static class SymbolEndpoints
{
    public static IEndpointRouteBuilder MapSymbolEndpoints(this IEndpointRouteBuilder app)
    {
        var symbols = app.MapGroup("/api/symbols")
            .RequireClientRateLimit()
            .AddEndpointFilter<ClientKeyFilter>();
        symbols.MapGet("/{symbol}/historical", GetHistoricalAsync)
            .DescribeApi<HistorySchema>("GetHistorical", "Candles with indicators",
                "The newest candles of a symbol in a timeframe, oldest first, each with ATR, RSI and three moving averages.",
                StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable)
            .WithParameters(RouteParameters.Symbol, RouteParameters.Timeframe, RouteParameters.Limit);
        symbols.MapGet("/{symbol}/latest", GetLatestAsync)
            .DescribeApi<LatestSchema>("GetLatest", "The newest 1-minute bar",
                "The newest 1-minute bar of a symbol, without indicators.",
                StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable)
            .WithParameters(RouteParameters.Symbol);
        return app;
    }

    private static async Task<IResult> GetHistoricalAsync(string symbol, HttpRequest request, IClusterClient client, CandleJson json, HistoryQueue queue,
        KnownSymbols known)
    {
        if (!RequestValidation.TryParseSeriesRequest(symbol, request.Query, out var ticker, out var timeframe, out var limit, out var error))
            return ApiError.Result(StatusCodes.Status400BadRequest, error);
        if (!await known.IsKnownAsync(ticker)) return UnknownSymbol(ticker);

        using var place = queue.TryEnter();
        if (place is null) return new RetryLater(queue.FullMessage, queue.RetryAfterSeconds);
        var snapshot = await client.GetGrain<ISymbolGrain>(ticker).GetHistory(timeframe, limit);
        return snapshot.State switch
        {
            SymbolState.Ready => Results.Bytes(json.History(ticker, timeframe, snapshot.Candles, snapshot.MovingAverages, asMessage: false), "application/json"),
            SymbolState.UnknownSymbol => UnknownSymbol(ticker, known),
            SymbolState.Loading => new RetryLater(queue.StillLoadingMessage(ticker), queue.RetryAfterSeconds),
            _ => Unavailable(snapshot.Error),
        };
    }

    private static async Task<IResult> GetLatestAsync(string symbol, IClusterClient client, CandleJson json, HistoryQueue queue, KnownSymbols known)
    {
        if (!RequestValidation.TryParseSymbol(symbol, out var ticker, out var error))
            return ApiError.Result(StatusCodes.Status400BadRequest, error);
        if (!await known.IsKnownAsync(ticker)) return UnknownSymbol(ticker);

        using var place = queue.TryEnter();
        if (place is null) return new RetryLater(queue.FullMessage, queue.RetryAfterSeconds);
        var latest = await client.GetGrain<ISymbolGrain>(ticker).GetLatest();
        return latest switch
        {
            { State: SymbolState.Ready, Bar: { } bar } => Results.Bytes(json.Latest(ticker, bar), "application/json"),
            { State: SymbolState.UnknownSymbol } => UnknownSymbol(ticker, known),
            { State: SymbolState.Loading } => new RetryLater(queue.StillLoadingMessage(ticker), queue.RetryAfterSeconds),
            _ => Unavailable(latest.Error),
        };
    }

    private static IResult UnknownSymbol(string symbol) =>
        ApiError.Result(StatusCodes.Status404NotFound, $"unknown symbol '{symbol}'");

    /// <summary>A symbol grain found it unknown: remembered, so the next request for it does not reach a grain.</summary>
    private static IResult UnknownSymbol(string symbol, KnownSymbols known)
    {
        known.RememberUnknown(symbol);
        return UnknownSymbol(symbol);
    }

    private static IResult Unavailable(string? error) =>
        ApiError.Result(StatusCodes.Status503ServiceUnavailable, error ?? "market data is unavailable right now; retry later");
}
