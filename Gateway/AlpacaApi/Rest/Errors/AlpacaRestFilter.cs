using OrleansMarketData.Gateway.Security;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;

/// <summary>
/// Runs around every Alpaca-compatible REST endpoint: checks the client's keys first (as Alpaca does, so a bad key
/// never learns whether its parameters were right), and answers every failure in Alpaca's error shape — the
/// gateway's generic error handler would answer <c>{"error"}</c>, which Alpaca clients cannot read.
/// </summary>
public sealed partial class AlpacaRestFilter(ClientKeys keys, ILogger<AlpacaRestFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!keys.Identify(http).Allowed)
            return AlpacaError.Result(StatusCodes.Status401Unauthorized, $"unauthorized: {keys.Requirement}");
        try
        {
            return await next(context);
        }
        catch (AlpacaRequestRefused refused)
        {
            return AlpacaError.Result(refused.Status, refused.Message);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody reads the answer.
            return Results.Empty;
        }
        catch (Exception ex)
        {
            // Grain calls fail with Orleans or timeout exceptions when silos are unreachable. Whatever it was, the
            // client can only retry later; the details stay in the log.
            LogFailed(logger, ex, http.Request.Path.Value ?? "");
            return AlpacaError.Result(StatusCodes.Status503ServiceUnavailable, "market data cluster unavailable; retry later");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alpaca REST {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string path);
}
