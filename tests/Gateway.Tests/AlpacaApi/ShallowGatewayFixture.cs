using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>A gateway whose caches hold only a few hundred bars per timeframe.</summary>
public sealed class ShallowGatewayFixture() : GatewayFixture(new Dictionary<string, string?>
{
    ["MarketData:History:Minute1"] = "100",
    ["MarketData:History:Minute5"] = "20",
    ["MarketData:History:Minute15"] = "20",
    ["MarketData:History:Hour1"] = "20",
    ["MarketData:History:Day1"] = "30",
});
