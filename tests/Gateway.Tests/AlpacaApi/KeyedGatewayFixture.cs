using System.Security.Cryptography;
using System.Text;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>
/// A gateway with client keys configured and the simulated clock started at 12:00 New York time on 2024-07-03, an
/// early-close day before the Independence Day holiday.
/// </summary>
public sealed class KeyedGatewayFixture() : GatewayFixture(Settings)
{
    public const string KeyId = "CLIENTKEY01";
    public const string Secret = "client-secret-4c8e1f";
    public const string OtherKeyId = "CLIENTKEY02";
    public const string OtherSecret = "client-secret-other-77a2";
    /// <summary>A key whose secret is configured only as its SHA-256.</summary>
    public const string HashedKeyId = "CLIENTKEY03";
    public const string HashedSecret = "client-secret-hashed-19d0";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["ClientAuth:Enabled"] = "true",
        ["ClientAuth:Keys:0:KeyId"] = KeyId,
        ["ClientAuth:Keys:0:Secret"] = Secret,
        ["ClientAuth:Keys:1:KeyId"] = OtherKeyId,
        ["ClientAuth:Keys:1:Secret"] = OtherSecret,
        ["ClientAuth:Keys:2:KeyId"] = HashedKeyId,
        ["ClientAuth:Keys:2:SecretSha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(HashedSecret))),
        ["MarketData:Simulator:Speed"] = "1",
        ["MarketData:Simulator:StartTime"] = "2024-07-03T12:00:00-04:00",
        ["Logging:LogLevel:Default"] = "Information",
    };

    public HttpClient Authorized(string keyId = KeyId, string secret = Secret)
        => Factory.CreateHttpClient().WithClientKey(keyId, secret);
}

[CollectionDefinition(Name)]
public sealed class KeyedGatewayCollection : ICollectionFixture<KeyedGatewayFixture>
{
    public const string Name = "keyed gateway";
}
