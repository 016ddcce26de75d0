namespace OrleansMarketData.Gateway.Security;

/// <summary>
/// Who may use the gateway, bound from <c>ClientAuth</c>. These are the keys the gateway's own clients present,
/// never the upstream Alpaca keys.
/// </summary>
public sealed class ClientAuthOptions
{
    public const string Section = "ClientAuth";

    /// <summary>
    /// Off (the default, for local development): every request is served, and the Alpaca stream accepts any
    /// non-empty key pair, since its clients always send one. On: <c>/api</c> (but health), <c>/ws/candles</c> and
    /// every <c>/v2</c> endpoint need one of <see cref="Keys"/>.
    /// </summary>
    public bool Enabled { get; set; }

    public ClientKey[] Keys { get; set; } = [];

    /// <summary>
    /// Whether a key may come as <c>?apiKey=KEYID:SECRET</c>: browsers cannot set headers on a WebSocket. Query
    /// strings end up in browser history and proxy logs, so turn this off when no browser connects directly.
    /// </summary>
    public bool AllowQueryKey { get; set; } = true;

    public string? Validate()
    {
        if (Enabled && Keys.Length == 0) return "ClientAuth:Keys must hold at least one key pair when ClientAuth:Enabled is true";
        for (var i = 0; i < Keys.Length; i++)
        {
            var key = Keys[i];
            if (string.IsNullOrWhiteSpace(key.KeyId) || key.KeyId.Contains(':'))
                return $"ClientAuth:Keys:{i}:KeyId must be non-empty and hold no ':'";
            var hasSecret = !string.IsNullOrEmpty(key.Secret);
            var hasHash = !string.IsNullOrEmpty(key.SecretSha256);
            if (hasSecret == hasHash) return $"ClientAuth:Keys:{i} needs exactly one of Secret and SecretSha256";
            if (hasHash && !IsSha256Hex(key.SecretSha256!))
                return $"ClientAuth:Keys:{i}:SecretSha256 must be 64 hexadecimal digits (the SHA-256 of the secret's UTF-8)";
        }
        return null;
    }

    private static bool IsSha256Hex(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);
}
