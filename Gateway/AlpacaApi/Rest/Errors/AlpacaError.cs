using System.Text.Json.Serialization;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;

/// <summary>
/// Alpaca's error body, <c>{"code":42210000,"message":"..."}</c>. Alpaca's codes are the HTTP status followed by
/// 10000 (40010000, 42210000, 50010000 in its answers), and SDKs show the code next to the message.
/// </summary>
public sealed record AlpacaError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message)
{
    public static IResult Result(int status, string message) =>
        Results.Json(new AlpacaError(status * 100_000 + 10_000, message), statusCode: status);
}

/// <summary>A request the endpoints refuse; <see cref="AlpacaRestFilter"/> turns it into an <see cref="AlpacaError"/>.</summary>
public sealed class AlpacaRequestRefused(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static AlpacaRequestRefused BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static AlpacaRequestRefused Unprocessable(string message) => new(StatusCodes.Status422UnprocessableEntity, message);

    public static AlpacaRequestRefused NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    public static AlpacaRequestRefused Unavailable(string? message) =>
        new(StatusCodes.Status503ServiceUnavailable, message ?? "market data is unavailable right now; retry later");
}
