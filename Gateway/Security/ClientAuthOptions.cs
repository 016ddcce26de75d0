namespace OrleansMarketData.Gateway.Security;

/// <summary>
/// Who may use the gateway, bound from <c>ClientAuth</c>. These are the keys the gateway's own clients present,
/// never the upstream Alpaca keys.
/// </summary>
public sealed class ClientAuthOptions
{
    public const string Section = "ClientAuth";

    /// <summary>
    /// Off: every request is served, and the Alpaca stream accepts any non-empty key pair, since its clients always
    /// send one. On: <c>/api</c> (but health), <c>/ws/candles</c> and every <c>/v2</c> endpoint need one of
    /// <see cref="Keys"/>. Unset (the default): on exactly when keys are configured, so that giving a key is enough.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Whether clients must present a key: <see cref="Enabled"/>, or when unset whether there are keys.</summary>
    public bool Required => Enabled ?? Keys.Length > 0;

    public ClientKey[] Keys { get; set; } = [];

    /// <summary>
    /// Whether a key may come as <c>?apiKey=KEYID:SECRET</c>: browsers cannot set headers on a WebSocket. Query
    /// strings end up in browser history and proxy logs, so turn this off when no browser connects directly.
    /// </summary>
    public bool AllowQueryKey { get; set; } = true;
}
