using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Gateway.Api;

namespace OrleansMarketData.Gateway.OpenApi;

/// <summary>
/// Summary, tag, success body and error shapes of a route: <c>{"error"}</c> on <c>/api</c>, Alpaca's
/// <c>{"code","message"}</c> on <c>/v2</c>. Metadata only: the handlers are unchanged.
/// </summary>
public static class RouteDocs
{
    public const string ApiTag = "api";
    public const string AlpacaTag = "alpaca";

    /// <summary>The statuses every key-checked, rate-limited route may answer with.</summary>
    private static readonly int[] Guarded = [StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests];

    public static RouteHandlerBuilder DescribeApi<TBody>(
        this RouteHandlerBuilder route, string name, string summary, string description, params int[] errors) =>
        route.WithName(name).WithSummary(summary).WithDescription(description).WithTags(ApiTag)
            .Produces<TBody>(StatusCodes.Status200OK, "application/json")
            .ProducesErrors<ApiError>([.. errors, .. Guarded]);

    public static RouteHandlerBuilder DescribeAlpaca<TBody>(
        this RouteHandlerBuilder route, string name, string summary, string description, params int[] errors) =>
        route.WithName(name).WithSummary(summary).WithDescription(description).WithTags(AlpacaTag)
            .Produces<TBody>(StatusCodes.Status200OK, "application/json")
            .ProducesErrors<AlpacaError>([.. errors, .. Guarded, StatusCodes.Status503ServiceUnavailable]);

    private static RouteHandlerBuilder ProducesErrors<TError>(this RouteHandlerBuilder route, IEnumerable<int> statuses)
    {
        foreach (var status in statuses.Distinct().Order()) route.Produces<TError>(status, "application/json");
        return route;
    }
}
