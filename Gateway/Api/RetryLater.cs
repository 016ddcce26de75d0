namespace OrleansMarketData.Gateway.Api;

/// <summary>
/// A 503 for load, not for a fault: <c>{"error"}</c> with a <c>Retry-After</c> header, for a gateway whose history
/// queue is full or a symbol whose history is still loading (docs/operations.md, "Reconnect herds").
/// </summary>
public sealed class RetryLater(string message, int retryAfterSeconds) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiError.Result(StatusCodes.Status503ServiceUnavailable, message).ExecuteAsync(httpContext);
    }
}
