using System.Text.Json.Serialization;

namespace OrleansMarketData.Gateway.Api;

/// <summary>The body of every error answer: <c>{"error": "..."}</c>.</summary>
public sealed record ApiError([property: JsonPropertyName("error")] string Error)
{
    public static IResult Result(int status, string message) => Results.Json(new ApiError(message), statusCode: status);
}
