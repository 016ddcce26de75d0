using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OrleansMarketData.Gateway.Security;

/// <summary>
/// Checks the key pairs clients present. Secrets are kept only as SHA-256 hashes and compared in constant time,
/// so neither a memory dump nor response timing gives them away.
/// </summary>
public sealed class ClientKeys(IOptions<ClientAuthOptions> options)
{
    public const string KeyIdHeader = "APCA-API-KEY-ID";
    public const string SecretHeader = "APCA-API-SECRET-KEY";
    public const string QueryParameter = "apiKey";

    private readonly ClientAuthOptions _options = options.Value;

    private readonly Dictionary<string, byte[]> _secretHashes = options.Value.Keys
        .GroupBy(k => k.KeyId, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => StoredHash(g.Last()), StringComparer.Ordinal);

    /// <summary>Whether clients must present a configured key; when not, anyone is let in.</summary>
    public bool Required => _options.Required;

    /// <summary>The start-up log line that says whether keys are required.</summary>
    public string Mode => Required
        ? $"Client keys are on: {_secretHashes.Count} key(s) configured"
        : "Client keys are off: every request is served (set ClientAuth:Keys, in docker-compose.yml CLIENT_KEY_ID and CLIENT_SECRET_SHA256, to require one)";

    /// <summary>How a client that got none right is told what to send.</summary>
    public string Requirement => _options.AllowQueryKey
        ? $"send a valid {KeyIdHeader} and {SecretHeader}, or ?{QueryParameter}=KEYID:SECRET"
        : $"send a valid {KeyIdHeader} and {SecretHeader}";

    /// <summary>
    /// Whether an Alpaca stream client's key pair authenticates it. With authentication off any non-empty pair
    /// does: Alpaca's clients always send one.
    /// </summary>
    public bool Accepts(string? keyId, string? secret)
    {
        if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(secret)) return false;
        if (!Required) return true;
        // An unknown key id is compared against a dummy hash too, so the answer takes as long either way.
        var expected = _secretHashes.GetValueOrDefault(keyId) ?? DummyHash;
        return CryptographicOperations.FixedTimeEquals(Hash(secret), expected) && _secretHashes.ContainsKey(keyId);
    }

    /// <summary>Who sent an HTTP request (or WebSocket upgrade), from its headers or, if allowed, its query.</summary>
    public ClientIdentity Identify(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(ClientIdentity), out var known)) return (ClientIdentity)known!;
        var identity = Check(context);
        context.Items[typeof(ClientIdentity)] = identity;
        return identity;
    }

    /// <summary>The limits' name for a client: its key id when keys are required, else its remote address.</summary>
    public string ClientName(string? keyId, HttpContext context) =>
        Required && keyId is not null ? $"key:{keyId}" : $"address:{context.Connection.RemoteIpAddress}";

    private ClientIdentity Check(HttpContext context)
    {
        if (!Required) return new ClientIdentity(true, ClientName(null, context));
        var (keyId, secret) = Presented(context.Request);
        return Accepts(keyId, secret)
            ? new ClientIdentity(true, ClientName(keyId, context))
            : new ClientIdentity(false, ClientName(null, context));
    }

    private (string? KeyId, string? Secret) Presented(HttpRequest request)
    {
        var keyId = request.Headers[KeyIdHeader].ToString();
        if (keyId.Length > 0) return (keyId, request.Headers[SecretHeader].ToString());
        if (!_options.AllowQueryKey) return (null, null);
        var pair = request.Query[QueryParameter].ToString();
        var colon = pair.IndexOf(':');
        return colon > 0 ? (pair[..colon], pair[(colon + 1)..]) : (null, null);
    }

    private static readonly byte[] DummyHash = new byte[32];

    private static byte[] StoredHash(ClientKey key) =>
        string.IsNullOrEmpty(key.SecretSha256) ? Hash(key.Secret ?? "") : Convert.FromHexString(key.SecretSha256);

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
