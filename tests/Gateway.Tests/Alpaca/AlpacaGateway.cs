using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>A fake Alpaca upstream and a standalone gateway configured against it.</summary>
public sealed class AlpacaGateway : IAsyncDisposable
{
    private AlpacaGateway(FakeAlpacaServer upstream, GatewayFactory gateway)
    {
        Upstream = upstream;
        Gateway = gateway;
    }

    public FakeAlpacaServer Upstream { get; }

    public GatewayFactory Gateway { get; }

    /// <summary>The newest minute in the upstream's history when the test starts: ten minutes ago.</summary>
    public DateTimeOffset LastHistoryMinute => Upstream.Market.DefaultCursor.AddMinutes(-1);

    /// <param name="keyId">The key id the gateway sends and the upstream accepts.</param>
    /// <param name="secret">The secret the gateway sends; the upstream accepts <paramref name="acceptedSecret"/>.</param>
    public static async Task<AlpacaGateway> StartAsync(
        string secret = FakeAlpacaServer.Secret, IReadOnlyDictionary<string, string?>? settings = null,
        string keyId = FakeAlpacaServer.KeyId, string acceptedSecret = FakeAlpacaServer.Secret)
    {
        var upstream = await FakeAlpacaServer.StartAsync();
        upstream.AcceptedKeyId = keyId;
        upstream.AcceptedSecret = acceptedSecret;
        upstream.Market.DefaultCursor = FakeMarket.Minute(DateTimeOffset.UtcNow).AddMinutes(-10);
        var all = new Dictionary<string, string?>
        {
            ["Alpaca:KeyId"] = keyId,
            ["Alpaca:SecretKey"] = secret,
            ["Alpaca:DataUrl"] = upstream.BaseUrl.ToString(),
            ["Alpaca:TradingUrl"] = upstream.BaseUrl.ToString(),
            ["Alpaca:StreamUrl"] = upstream.StreamUrl,
            ["Alpaca:MaxReconnectDelay"] = "00:00:02",
            ["MarketData:History:Minute1"] = "50",
            ["MarketData:History:Minute5"] = "20",
            ["MarketData:History:Minute15"] = "20",
            ["MarketData:History:Hour1"] = "20",
            ["MarketData:History:Day1"] = "20",
            ["Logging:LogLevel:Default"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return new AlpacaGateway(upstream, new GatewayFactory(all));
    }

    /// <summary>Waits (at most 20 s) until the gateway's upstream connection has subscribed the symbol's bars.</summary>
    public async Task WaitUntilSubscribedAsync(string symbol)
    {
        for (var i = 0; i < 200 && !Upstream.IsSubscribed(symbol); i++) await Task.Delay(100);
        Assert.True(Upstream.IsSubscribed(symbol), $"{symbol} was not subscribed upstream");
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
