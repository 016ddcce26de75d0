using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.Hosting;

namespace OrleansMarketData.Gateway.Tests.Hosting;

public sealed class MarketDataGatewayOptionsTests
{
    [Theory]
    [InlineData("00:00:00.500")]
    [InlineData("00:01:01")]
    [InlineData("00:05:00")]
    public void A_check_interval_outside_one_second_to_one_minute_names_the_setting_and_its_bounds(string interval)
    {
        var error = Validate(new MarketDataGatewayOptions { SymbolCheckInterval = TimeSpan.Parse(interval) }).FailureMessage;
        Assert.Equal("Gateway:SymbolCheckInterval must be between 00:00:01 and 00:01:00", error);
    }

    [Theory]
    [InlineData("00:00:01")]
    [InlineData("00:00:10")]
    [InlineData("00:01:00")]
    public void A_check_interval_that_renews_a_registration_twice_before_it_lapses_is_valid(string interval) =>
        Assert.True(Validate(new MarketDataGatewayOptions { SymbolCheckInterval = TimeSpan.Parse(interval) }).Succeeded);

    private static ValidateOptionsResult Validate(MarketDataGatewayOptions options) =>
        new MarketDataGatewayOptionsValidator().Validate(null, options);
}
