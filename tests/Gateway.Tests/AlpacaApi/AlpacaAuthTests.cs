using System.Net;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>With <c>ClientAuth</c> enabled, every Alpaca-compatible REST request needs one of the key pairs.</summary>
[Collection(KeyedGatewayCollection.Name)]
public sealed class AlpacaAuthTests(KeyedGatewayFixture fixture)
{
    private static readonly string[] Paths =
    [
        "/v2/stocks/AAPL/bars?timeframe=1Min&start=2024-07-02",
        "/v2/stocks/bars?symbols=AAPL&timeframe=1Min&start=2024-07-02",
        "/v2/stocks/AAPL/bars/latest",
        "/v2/stocks/bars/latest?symbols=AAPL",
        "/v2/clock",
        "/v2/calendar?start=2024-07-01&end=2024-07-05",
    ];

    public static TheoryData<string> AllPaths => new(Paths);

    [Theory]
    [MemberData(nameof(AllPaths))]
    public async Task Missing_or_wrong_keys_are_a_401_that_shows_no_secret(string path)
    {
        using var noKeys = fixture.Factory.CreateHttpClient();
        using var wrongSecret = fixture.Authorized(secret: "not-the-secret");
        using var wrongKey = fixture.Authorized(keyId: "NOSUCHKEY");
        using var crossed = fixture.Authorized(KeyedGatewayFixture.KeyId, KeyedGatewayFixture.OtherSecret);
        using var keyOnly = fixture.Factory.CreateHttpClient();
        keyOnly.DefaultRequestHeaders.Add("APCA-API-KEY-ID", KeyedGatewayFixture.KeyId);

        foreach (var http in new[] { noKeys, wrongSecret, wrongKey, crossed, keyOnly })
        {
            var message = await GetErrorAsync(http, path, HttpStatusCode.Unauthorized);
            Assert.Contains("APCA-API-KEY-ID", message);
            Assert.DoesNotContain(KeyedGatewayFixture.Secret, message);
            Assert.DoesNotContain(KeyedGatewayFixture.OtherSecret, message);
        }
    }

    [Theory]
    [MemberData(nameof(AllPaths))]
    public async Task Either_configured_key_pair_is_served(string path)
    {
        using var first = fixture.Authorized();
        using var second = fixture.Authorized(KeyedGatewayFixture.OtherKeyId, KeyedGatewayFixture.OtherSecret);
        await GetJsonAsync(first, path);
        await GetJsonAsync(second, path);
    }

    [Fact]
    public async Task Keys_are_checked_before_parameters()
    {
        await GetErrorAsync(fixture.Http, "/v2/stocks/AAPL/bars?timeframe=7Sec", HttpStatusCode.Unauthorized);
        using var http = fixture.Authorized();
        await GetErrorAsync(http, "/v2/stocks/AAPL/bars?timeframe=7Sec", HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Secrets_never_reach_the_log()
    {
        using var http = fixture.Authorized();
        await GetJsonAsync(http, "/v2/stocks/AAPL/bars?timeframe=1Day&start=2024-06-01");
        using var wrong = fixture.Authorized(secret: "wrong-secret-for-log-check");
        await GetErrorAsync(wrong, "/v2/clock", HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(fixture.Factory.Logs.Lines, l => l.Contains(KeyedGatewayFixture.Secret) || l.Contains("wrong-secret-for-log-check"));
    }
}
