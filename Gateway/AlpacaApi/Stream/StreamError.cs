namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>
/// Alpaca's stream error codes and messages, as clients and SDKs expect them: each is sent as
/// <c>[{"T":"error","code":...,"msg":...}]</c> with exactly this text.
/// </summary>
public readonly record struct StreamError(int Code, string Message)
{
    public static readonly StreamError InvalidSyntax = new(400, "invalid syntax");
    public static readonly StreamError NotAuthenticated = new(401, "not authenticated");
    public static readonly StreamError AuthFailed = new(402, "auth failed");
    public static readonly StreamError AlreadyAuthenticated = new(403, "already authenticated");
    public static readonly StreamError AuthTimeout = new(404, "auth timeout");
    public static readonly StreamError SymbolLimitExceeded = new(405, "symbol limit exceeded");
    public static readonly StreamError ConnectionLimitExceeded = new(406, "connection limit exceeded");
    public static readonly StreamError SlowClient = new(407, "slow client");
    public static readonly StreamError InsufficientSubscription = new(409, "insufficient subscription");
    public static readonly StreamError InvalidSubscribeAction = new(410, "invalid subscribe action for this feed");
    public static readonly StreamError Internal = new(500, "internal error");
}
