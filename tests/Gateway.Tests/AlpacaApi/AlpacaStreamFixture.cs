using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>A standalone gateway with one client key pair configured, a short auth timeout, a small symbol limit and short histories.</summary>
public sealed class AlpacaStreamFixture : IAsyncLifetime
{
    public const string KeyId = "PKSTREAMTEST";
    public const string Secret = "stream-test-secret";
    public const int MaxSymbols = 4;

    public GatewayFactory Factory { get; } = new(new Dictionary<string, string?>
    {
        ["AlpacaApi:Keys:0:KeyId"] = KeyId,
        ["AlpacaApi:Keys:0:Secret"] = Secret,
        ["AlpacaApi:AuthTimeout"] = "00:00:06",
        ["AlpacaApi:MaxSymbolsPerConnection"] = MaxSymbols.ToString(),
        ["Logging:LogLevel:Default"] = "Information",
        // Every symbol of the wildcard loads its history at once: keep it short.
        ["MarketData:History:Minute1"] = "200",
        ["MarketData:History:Minute5"] = "50",
        ["MarketData:History:Minute15"] = "50",
        ["MarketData:History:Hour1"] = "50",
        ["MarketData:History:Day1"] = "50",
    });

    public HttpClient Http { get; private set; } = null!;

    public Uri StreamUri(string feed = "iex") => Factory.SocketUri($"/v2/{feed}");

    public Task<AlpacaStreamClient> AuthenticatedAsync(bool msgpack = false) =>
        AlpacaStreamClient.AuthenticatedAsync(StreamUri(), KeyId, Secret, msgpack);

    public Task InitializeAsync()
    {
        Http = Factory.CreateHttpClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Factory.DisposeAsync();
    }
}
