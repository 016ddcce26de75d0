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

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["AlpacaApi:Keys:0:KeyId"] = KeyId,
        ["AlpacaApi:Keys:0:Secret"] = Secret,
        ["AlpacaApi:Keys:1:KeyId"] = OtherKeyId,
        ["AlpacaApi:Keys:1:Secret"] = OtherSecret,
        ["MarketData:Simulator:Speed"] = "1",
        ["MarketData:Simulator:StartTime"] = "2024-07-03T12:00:00-04:00",
        ["Logging:LogLevel:Default"] = "Information",
    };

    public HttpClient Authorized(string keyId = KeyId, string secret = Secret)
    {
        var http = Factory.CreateHttpClient();
        http.DefaultRequestHeaders.Add("APCA-API-KEY-ID", keyId);
        http.DefaultRequestHeaders.Add("APCA-API-SECRET-KEY", secret);
        return http;
    }
}

[CollectionDefinition(Name)]
public sealed class KeyedGatewayCollection : ICollectionFixture<KeyedGatewayFixture>
{
    public const string Name = "keyed gateway";
}
