using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OrleansMarketData.Gateway.AlpacaApi;

/// <summary>
/// Checks the key pairs clients present. Secrets are kept only as SHA-256 hashes and compared in constant time,
/// so neither a memory dump nor response timing gives them away.
/// </summary>
public sealed class ClientKeys(IOptions<AlpacaApiOptions> options)
{
    public const string KeyIdHeader = "APCA-API-KEY-ID";
    public const string SecretHeader = "APCA-API-SECRET-KEY";

    private readonly Dictionary<string, byte[]> _secretHashes = options.Value.Keys
        .GroupBy(k => k.KeyId, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => Hash(g.Last().Secret), StringComparer.Ordinal);

    /// <summary>True when no keys are configured: any client is let in (local development).</summary>
    public bool IsOpen => _secretHashes.Count == 0;

    /// <summary>Whether a stream client's key pair authenticates it.</summary>
    public bool Accepts(string? keyId, string? secret)
    {
        if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(secret)) return false;
        if (IsOpen) return true;
        // An unknown key id is compared against a dummy hash too, so the answer takes as long either way.
        var expected = _secretHashes.GetValueOrDefault(keyId) ?? DummyHash;
        return CryptographicOperations.FixedTimeEquals(Hash(secret), expected) && _secretHashes.ContainsKey(keyId);
    }

    /// <summary>Whether a REST request may be served: always when no keys are configured, else by its headers.</summary>
    public bool Accepts(HttpRequest request) =>
        IsOpen || Accepts(request.Headers[KeyIdHeader].ToString(), request.Headers[SecretHeader].ToString());

    private static readonly byte[] DummyHash = new byte[32];

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
