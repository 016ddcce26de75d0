namespace OrleansMarketData.Sources.Alpaca;

/// <summary>The stream refused us or broke; <see cref="Message"/> is the state in words, e.g. "auth failed (402)".</summary>
public sealed class AlpacaStreamException(string message, int? code = null) : Exception(message)
{
    /// <summary>Alpaca's error code, when the stream sent one.</summary>
    public int? Code { get; } = code;

    public static AlpacaStreamException From(StreamMessage.Error error) => new(Describe(error.Code, error.Message), error.Code);

    /// <summary>Alpaca's stream error codes in words.</summary>
    public static string Describe(int code, string message) => code switch
    {
        400 => $"invalid syntax ({code})",
        401 => $"not authenticated ({code})",
        402 => $"auth failed ({code})",
        403 => $"already authenticated ({code})",
        404 => $"auth timeout ({code})",
        405 => $"symbol limit exceeded ({code})",
        406 => $"connection limit exceeded ({code})",
        407 => $"slow client ({code})",
        408 => $"v2 not enabled ({code})",
        409 => $"insufficient subscription ({code})",
        410 => $"invalid subscribe action for this feed ({code})",
        411 => $"insufficient scope ({code})",
        500 => $"internal error ({code})",
        _ => $"{message} ({code})",
    };
}
