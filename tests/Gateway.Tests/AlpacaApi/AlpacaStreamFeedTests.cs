using System.Net.WebSockets;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>
/// Only the served feed's path streams (the simulator's is /v2/iex). Another feed's path is answered as Alpaca answers
/// a feed outside the plan: connected, then 409 at authentication naming the served path, then closed; it never
/// sends the served feed's bars in place of the asked one's.
/// </summary>
public sealed class AlpacaStreamFeedTests(AlpacaStreamFixture fixture) : IClassFixture<AlpacaStreamFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("sip", false)]
    [InlineData("delayed_sip", false)]
    [InlineData("test", false)]
    [InlineData("sip", true)]
    public async Task Another_feed_is_refused_with_409_at_authentication_then_closed(string feed, bool byHeaders)
    {
        var headers = byHeaders
            ? new Dictionary<string, string> { ["APCA-API-KEY-ID"] = AlpacaStreamFixture.KeyId, ["APCA-API-SECRET-KEY"] = AlpacaStreamFixture.Secret }
            : null;
        await using var client = await AlpacaStreamClient.ConnectAsync(fixture.StreamUri(feed), headers: headers);
        Assert.Equal("connected", (await client.ReceiveAsync(Wait))?.GetProperty("msg").GetString());
        if (!byHeaders)
            await client.SendAsync($$"""{"action":"auth","key":"{{AlpacaStreamFixture.KeyId}}","secret":"{{AlpacaStreamFixture.Secret}}"}""");

        var error = (await client.ReceiveAsync(Wait))!.Value;
        Assert.Equal("error", error.GetProperty("T").GetString());
        Assert.Equal(409, error.GetProperty("code").GetInt32());
        Assert.Equal($"insufficient subscription: /v2/{feed} is not served here; this cluster serves /v2/iex only", error.GetProperty("msg").GetString());
        Assert.Null(await client.ReceiveAsync(Wait));
        Assert.NotEqual(WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task Wrong_keys_on_another_feed_are_still_402()
    {
        await using var client = await AlpacaStreamClient.ConnectAsync(fixture.StreamUri("sip"));
        await client.ReceiveAsync(Wait);
        await client.SendAsync($$"""{"action":"auth","key":"{{AlpacaStreamFixture.KeyId}}","secret":"wrong"}""");
        var error = (await client.ReceiveAsync(Wait))!.Value;
        Assert.Equal(402, error.GetProperty("code").GetInt32());
        Assert.Equal("auth failed", error.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task The_served_feed_authenticates()
    {
        await using var client = await fixture.AuthenticatedAsync();
        await client.SendAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        Assert.NotNull(await client.ReceiveTypeAsync("subscription", Wait));
    }
}
