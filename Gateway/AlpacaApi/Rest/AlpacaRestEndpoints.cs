using OrleansMarketData.Gateway.AlpacaApi.Rest.Bars;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Clock;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Snapshots;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Trades;
using OrleansMarketData.Gateway.Security;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest;

/// <summary>
/// Alpaca's market-data REST (<c>/v2/stocks/...</c>) and trading clock and calendar (<c>/v2/clock</c>,
/// <c>/v2/calendar</c>) on every gateway, so Alpaca SDKs and this service's own Alpaca client can use the cluster
/// as their upstream. Every other Alpaca path is a 404 in Alpaca's shape (<see cref="NotServedEndpoints"/>), but
/// <c>/v2/{feed}</c>, which belongs to the stream.
/// </summary>
public static class AlpacaRestEndpoints
{
    public static IEndpointRouteBuilder MapAlpacaRest(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").RequireClientRateLimit().AddEndpointFilter<AlpacaRestFilter>();
        v2.MapAlpacaBars();
        v2.MapAlpacaTrades();
        v2.MapAlpacaSnapshots();
        v2.MapAlpacaClock();
        v2.MapAlpacaNotServed(app);
        return app;
    }
}
