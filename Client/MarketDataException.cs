namespace OrleansMarketData.Client;

/// <summary>
/// The gateway refused a request or a stream: <see cref="Exception.Message"/> is the gateway's own error message
/// (it says what was wrong and what is allowed).
/// </summary>
public sealed class MarketDataException : Exception
{
    /// <summary>A refusal with its HTTP status or WebSocket close status.</summary>
    public MarketDataException(string message, int? httpStatus = null, int? closeStatus = null, Exception? inner = null)
        : base(message, inner) => (HttpStatus, CloseStatus) = (httpStatus, closeStatus);

    /// <summary>The HTTP status of a REST refusal: 400 bad input, 401 no valid key, 404 unknown symbol, 429, 503.</summary>
    public int? HttpStatus { get; }

    /// <summary>The WebSocket close status of a refused stream: 1008 bad input, 4001 no valid key, 4404 unknown symbol.</summary>
    public int? CloseStatus { get; }
}
