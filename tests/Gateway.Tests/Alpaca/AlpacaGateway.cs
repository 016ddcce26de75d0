using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>
/// A fake Alpaca upstream and a standalone gateway configured against it, both on one clock pinned to a market
/// time: the gateway's <see cref="TimeProvider"/> (which its silo only adds when none is there) and the fake's.
/// </summary>
public sealed class AlpacaGateway : IAsyncDisposable
{
    private readonly Func<GatewayFactory> _newGateway;

    private AlpacaGateway(FakeAlpacaServer upstream, Func<GatewayFactory> newGateway)
    {
        Upstream = upstream;
        _newGateway = newGateway;
        Gateway = newGateway();
    }

    public FakeAlpacaServer Upstream { get; }

    public GatewayFactory Gateway { get; private set; }

    /// <summary>Stops the gateway and starts a new one with the same settings, on the same upstream and clock.</summary>
    public async Task RestartGatewayAsync()
    {
        await Gateway.DisposeAsync();
        Gateway = _newGateway();
    }

    /// <summary>Now, on the market clock the gateway and the upstream share.</summary>
    public DateTimeOffset Now => Upstream.Now;

    /// <summary>The newest minute with a bar in the symbol's upstream history when the test starts (it ends ten minutes before).</summary>
    public DateTimeOffset LastHistoryMinute(string symbol) => Upstream.Market.MinutesBefore(symbol, Upstream.Market.DefaultCursor, 1)[0];

    /// <summary>The next minute after <paramref name="minute"/> in which <paramref name="symbol"/> has a bar.</summary>
    public DateTimeOffset NextMinute(string symbol, DateTimeOffset minute) => Upstream.Market.NextMinute(symbol, minute);

    /// <param name="keyId">The key id the gateway sends and the upstream accepts.</param>
    /// <param name="secret">The secret the gateway sends; the upstream accepts <paramref name="acceptedSecret"/>.</param>
    /// <param name="marketTime">The market time both start at: <see cref="MarketTime.RegularHours"/> unless given.</param>
    /// <param name="upstreamSetUp">Knobs of the upstream to set before the gateway starts (its calendar, its thin minutes).</param>
    /// <param name="feed">The feed the gateway takes from the upstream (its stream URL's last segment), and so serves.</param>
    public static async Task<AlpacaGateway> StartAsync(
        string secret = FakeAlpacaServer.Secret, IReadOnlyDictionary<string, string?>? settings = null,
        string keyId = FakeAlpacaServer.KeyId, string acceptedSecret = FakeAlpacaServer.Secret,
        DateTimeOffset? marketTime = null, Action<FakeAlpacaServer>? upstreamSetUp = null, string feed = "iex")
    {
        var clock = new PinnedClock(marketTime ?? MarketTime.RegularHours);
        var upstream = await FakeAlpacaServer.StartAsync(clock);
        upstream.AcceptedKeyId = keyId;
        upstream.AcceptedSecret = acceptedSecret;
        upstream.Market.DefaultCursor = FakeMarket.Minute(clock.GetUtcNow()).AddMinutes(-10);
        upstreamSetUp?.Invoke(upstream);
        var all = new Dictionary<string, string?>
        {
            ["Alpaca:KeyId"] = keyId,
            ["Alpaca:SecretKey"] = secret,
            ["Alpaca:DataUrl"] = upstream.BaseUrl.ToString(),
            ["Alpaca:TradingUrl"] = upstream.BaseUrl.ToString(),
            // The stream URL's last segment is the feed the cluster takes from Alpaca, and so the one it serves.
            ["Alpaca:StreamUrl"] = upstream.StreamUrl.Replace("/v2/iex", $"/v2/{feed}", StringComparison.Ordinal),
            ["Alpaca:MaxReconnectDelay"] = "00:00:02",
            ["MarketData:History:Minute1"] = "50",
            ["MarketData:History:Minute5"] = "20",
            ["MarketData:History:Minute15"] = "20",
            ["MarketData:History:Hour1"] = "20",
            ["MarketData:History:Day1"] = "20",
            ["Logging:LogLevel:Default"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return new AlpacaGateway(upstream, () => new GatewayFactory(all, services: services => services.AddSingleton<TimeProvider>(clock)));
    }

    /// <summary>Waits until the gateway's upstream connection has subscribed the symbol's bars.</summary>
    public Task WaitUntilSubscribedAsync(string symbol) =>
        Eventually.UntilAsync(() => Upstream.IsSubscribed(symbol), $"{symbol} subscribed upstream");

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
