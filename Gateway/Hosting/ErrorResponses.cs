using Microsoft.AspNetCore.Diagnostics;
using OrleansMarketData.Gateway.Api;

namespace OrleansMarketData.Gateway.Hosting;

/// <summary>Every error is JSON <c>{"error": ...}</c>; nothing leaks a stack trace or an internal type name.</summary>
public static class ErrorResponses
{
    public static WebApplication UseJsonErrors(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var result = error is OrleansException or TimeoutException
                ? ApiError.Result(StatusCodes.Status503ServiceUnavailable, "market data cluster unavailable; retry later")
                : ApiError.Result(StatusCodes.Status500InternalServerError, "internal error");
            await result.ExecuteAsync(context);
        }));

        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var message = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"no such route: {http.Request.Method} {http.Request.Path}",
                StatusCodes.Status405MethodNotAllowed => $"method {http.Request.Method} is not allowed on {http.Request.Path}",
                _ => $"request failed with status {http.Response.StatusCode}",
            };
            await ApiError.Result(http.Response.StatusCode, message).ExecuteAsync(http);
        });
        return app;
    }
}
