namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;

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
