using OrleansMarketData.Gateway.AlpacaApi.Rest.Bars;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Clock;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Gateway.OpenApi;
using OrleansMarketData.Gateway.Security;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest;

/// <summary>
/// Alpaca's market-data REST (<c>/v2/stocks/...</c>) and trading clock and calendar (<c>/v2/clock</c>,
/// <c>/v2/calendar</c>) on every gateway, so Alpaca SDKs and this service's own Alpaca client can use the cluster
/// as their upstream. Only these paths are mapped: <c>/v2/{feed}</c> belongs to the stream.
/// </summary>
public static class AlpacaRestEndpoints
{
    public static IEndpointRouteBuilder MapAlpacaRest(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").RequireClientRateLimit().AddEndpointFilter<AlpacaRestFilter>();
        v2.MapAlpacaBars();
        v2.MapAlpacaClock();
        // Alpaca clients read {"code","message"}; the gateway's generic 404 is {"error"}. Routes above win over this one.
        v2.MapGet("/stocks/{**rest}", (HttpRequest request) => AlpacaError.Result(StatusCodes.Status404NotFound,
            $"not served here: GET {request.Path}; served are /v2/stocks/{{symbol}}/bars, /v2/stocks/bars and their /latest"))
            .WithName("GetAlpacaNotServed").WithTags(RouteDocs.AlpacaTag).WithSummary("Other Alpaca stock routes")
            .WithDescription("Every other path under /v2/stocks answers 404 in Alpaca's error shape, naming what is served.")
            .Produces<AlpacaError>(StatusCodes.Status404NotFound, "application/json")
            .WithParameters(RouteParameters.Alpaca.Rest);
        return app;
    }
}
