using System.Net;
using System.Net.WebSockets;
using OrleansMarketData.Gateway.Tests.AlpacaApi;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>
/// On Alpaca the cluster serves the feed its source takes (the stream URL's last segment): here SIP from the fake
/// upstream, so sip is served and iex, the simulator's feed, is refused. At regular hours (pinned by <see cref="AlpacaGateway"/>).
/// </summary>
public sealed class AlpacaSourceFeedTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_cluster_on_alpacas_sip_serves_sip_and_refuses_iex()
    {
        await using var alpaca = await AlpacaGateway.StartAsync(feed: "sip");
        using var http = alpaca.Gateway.CreateHttpClient();
        Assert.Equal("feed 'iex' is not served here: this cluster serves feed=sip only",
            await GetErrorAsync(http, "/v2/stocks/AAPL/bars?timeframe=1Min&feed=iex", HttpStatusCode.UnprocessableEntity));
        await WaitUntilLoadedAsync(http, "AAPL");
        Assert.NotEqual(0, (await GetJsonAsync(http, "/v2/stocks/AAPL/bars?timeframe=1Min&feed=sip")).GetProperty("bars").GetArrayLength());

        await using (var refused = await AlpacaStreamClient.ConnectAsync(alpaca.Gateway.SocketUri("/v2/iex")))
        {
            await refused.ReceiveAsync(Wait);
            await refused.SendAsync("""{"action":"auth","key":"any-key","secret":"any-secret"}""");
            var error = (await refused.ReceiveAsync(Wait))!.Value;
            Assert.Equal(409, error.GetProperty("code").GetInt32());
            Assert.Equal("insufficient subscription: /v2/iex is not served here; this cluster serves /v2/sip only", error.GetProperty("msg").GetString());
            Assert.Null(await refused.ReceiveAsync(Wait));
            Assert.NotEqual(WebSocketState.Open, refused.State);
        }

        await using var served = await AlpacaStreamClient.AuthenticatedAsync(alpaca.Gateway.SocketUri("/v2/sip"), "any-key", "any-secret");
        await served.SendAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        Assert.NotNull(await served.ReceiveTypeAsync("subscription", Wait));
    }
}
