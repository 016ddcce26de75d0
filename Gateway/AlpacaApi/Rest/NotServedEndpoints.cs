using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Gateway.OpenApi;
using OrleansMarketData.Gateway.Security;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest;

/// <summary>
/// Alpaca's routes this gateway does not serve, answered 404 in Alpaca's <c>{"code","message"}</c> shape (the
/// gateway's generic 404 is <c>{"error"}</c>, which Alpaca clients cannot read), naming what is served: other stock
/// data (auctions, condition and exchange codes, the meta routes), the rest of the trading API (an SDK whose trading URL points here gets only the
/// clock and calendar), and news, crypto, options, corporate actions and screeners under <c>/v1</c> and <c>/v1beta*</c>.
/// The served routes are more specific than these catch-alls, so they win.
/// </summary>
public static class NotServedEndpoints
{
    /// <summary>Alpaca's API versions other than <c>/v2</c>: news, crypto, options, corporate actions, screeners, logos.</summary>
    public static readonly string[] OtherVersions = ["/v1", "/v1beta1", "/v1beta2", "/v1beta3"];

    private const string Served =
        "served are /v2/stocks/{symbol}/bars|trades|quotes, /v2/stocks/bars|trades|quotes and their /latest, /v2/stocks/{symbol}/snapshot, /v2/stocks/snapshots, /v2/clock and /v2/calendar";

    public static void MapAlpacaNotServed(this RouteGroupBuilder v2, IEndpointRouteBuilder app)
    {
        Map(v2, "/stocks/{**rest}", "GetAlpacaStocksNotServed", "Other Alpaca stock routes",
            "Auctions, condition and exchange codes and every other path under /v2/stocks not served answer 404 in Alpaca's error shape, naming what is served.");
        Map(v2, "/{**rest}", "GetAlpacaV2NotServed", "Other Alpaca /v2 routes",
            "The trading API's orders, account, positions, assets and the like answer 404 in Alpaca's error shape: of the trading API only the clock and calendar are served.");
        foreach (var version in OtherVersions)
        {
            var group = app.MapGroup(version).RequireClientRateLimit().AddEndpointFilter<AlpacaRestFilter>();
            Map(group, "/{**rest}", $"GetAlpaca{char.ToUpperInvariant(version[1])}{version[2..]}NotServed", $"Alpaca's {version} routes",
                $"News, crypto, options, corporate actions and everything else under {version} answer 404 in Alpaca's error shape.");
        }
    }

    private static void Map(RouteGroupBuilder group, string pattern, string name, string summary, string description) =>
        group.MapGet(pattern, (HttpRequest request) => AlpacaError.Result(StatusCodes.Status404NotFound, $"not served here: GET {request.Path}; {Served}"))
            .WithName(name).WithTags(RouteDocs.AlpacaTag).WithSummary(summary).WithDescription(description)
            .Produces<AlpacaError>(StatusCodes.Status404NotFound, "application/json")
            .WithParameters(RouteParameters.Alpaca.Rest);
}
