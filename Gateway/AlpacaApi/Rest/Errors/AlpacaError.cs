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
