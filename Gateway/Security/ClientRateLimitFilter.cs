using System.Globalization;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Parameters;
using OrleansMarketData.Gateway.Api;

namespace OrleansMarketData.Gateway.Security;

/// <summary>
/// The REST rate limit, before anything else an endpoint does: a client (its key, or its address when keys are not
/// required) over its <see cref="ClientRequestBuckets"/> budget gets 429 with <c>Retry-After</c>, in the error shape
/// of the API it called. A request counts once per symbol it names in <c>symbols=</c> (docs/configuration.md).
/// </summary>
public sealed class ClientRateLimitFilter(ClientRequestBuckets buckets, ClientKeys keys) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!buckets.Enabled) return await next(context);
        var http = context.HttpContext;
        var client = keys.Identify(http).Client;
        if (buckets.TryTake(client, Cost(http.Request), out var wait)) return await next(context);

        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = $"rate limit exceeded: at most {buckets.RequestsPerSecond} requests a second per client, a request naming several symbols "
            + $"counting once per symbol; retry after {seconds} s";
        return http.Request.Path.StartsWithSegments("/v2")
            ? AlpacaError.Result(StatusCodes.Status429TooManyRequests, message)
            : ApiError.Result(StatusCodes.Status429TooManyRequests, message);
    }

    /// <summary>
    /// The distinct symbols named in <c>symbols=</c>, at least 1 (a request without the parameter), at most one more
    /// than a request may name (beyond that it is refused anyway, and cheaply).
    /// </summary>
    public static int Cost(HttpRequest request)
    {
        var text = request.Query["symbols"].ToString();
        if (text.Length == 0) return 1;
        var symbols = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            symbols.Add(part);
            if (symbols.Count > AlpacaQuery.MaxSymbols) break;
        }
        return Math.Max(1, symbols.Count);
    }
}
