using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>A standalone gateway with one client key pair configured, a short auth timeout, a small symbol limit and short histories.</summary>
public sealed class AlpacaStreamFixture() : GatewayFixture(Settings)
{
    public const string KeyId = "PKSTREAMTEST";
    public const string Secret = "stream-test-secret";
    public const int MaxSymbols = 4;

    /// <summary>
    /// Short histories and indicator periods (so little warm-up): a wildcard subscription activates every symbol
    /// at once, and these tests are about the stream, not about indicators.
    /// </summary>
    public static Dictionary<string, string?> LightHistory() => new()
    {
        ["MarketData:History:Minute1"] = "100",
        ["MarketData:History:Minute5"] = "20",
        ["MarketData:History:Minute15"] = "20",
        ["MarketData:History:Hour1"] = "20",
        ["MarketData:History:Day1"] = "20",
        ["MarketData:Indicators:AtrPeriod"] = "2",
        ["MarketData:Indicators:RsiPeriod"] = "2",
        ["MarketData:Indicators:MaShortPeriod"] = "2",
        ["MarketData:Indicators:MaMediumPeriod"] = "3",
        ["MarketData:Indicators:MaLongPeriod"] = "4",
    };

    private static readonly Dictionary<string, string?> Settings = new(LightHistory())
    {
        ["ClientAuth:Enabled"] = "true",
        ["ClientAuth:Keys:0:KeyId"] = KeyId,
        ["ClientAuth:Keys:0:Secret"] = Secret,
        ["AlpacaApi:AuthTimeout"] = "00:00:06",
        ["AlpacaApi:MaxSymbolsPerConnection"] = MaxSymbols.ToString(),
        ["Logging:LogLevel:Default"] = "Information",
    };

    public Uri StreamUri(string feed = "iex") => Factory.SocketUri($"/v2/{feed}");

    public Task<AlpacaStreamClient> AuthenticatedAsync(bool msgpack = false) =>
        AlpacaStreamClient.AuthenticatedAsync(StreamUri(), KeyId, Secret, msgpack);
}
