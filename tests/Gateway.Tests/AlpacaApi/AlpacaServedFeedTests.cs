using System.Net;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>
/// The REST serves the cluster's one feed, unadjusted (the simulator's is served as iex): a request for another feed
/// or an adjustment gets an Alpaca error naming what is served, never these bars in their place; Alpaca routes not
/// served are a 404 in Alpaca's shape.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AlpacaServedFeedTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("/v2/stocks/AAPL/bars?timeframe=1Min&feed=sip", "sip")]
    [InlineData("/v2/stocks/bars?symbols=AAPL&timeframe=1Day&feed=boats", "boats")]
    [InlineData("/v2/stocks/AAPL/bars/latest?feed=delayed_sip", "delayed_sip")]
    [InlineData("/v2/stocks/bars/latest?symbols=AAPL&feed=otc", "otc")]
    public async Task Another_feed_is_a_422_naming_the_served_one(string path, string feed)
    {
        var error = await GetErrorAsync(fixture.Http, path, HttpStatusCode.UnprocessableEntity);
        Assert.Equal($"feed '{feed}' is not served here: this cluster serves feed=iex only", error);
    }

    [Theory]
    [InlineData("/v2/stocks/AAPL/bars?timeframe=1Min&feed=iex")]
    [InlineData("/v2/stocks/bars?symbols=AAPL&timeframe=1Day&feed=iex&adjustment=raw")]
    [InlineData("/v2/stocks/AAPL/bars/latest?feed=iex")]
    [InlineData("/v2/stocks/bars/latest?symbols=AAPL&feed=iex")]
    public async Task The_served_feed_and_raw_are_served(string path) =>
        await GetJsonAsync(fixture.Http, path);

    [Theory]
    [InlineData("split")]
    [InlineData("all")]
    [InlineData("raw,split")]
    [InlineData("dividend,spin-off")]
    public async Task An_adjustment_other_than_raw_is_a_422(string adjustment)
    {
        var error = await GetErrorAsync(fixture.Http, $"/v2/stocks/AAPL/bars?timeframe=1Min&adjustment={adjustment}", HttpStatusCode.UnprocessableEntity);
        Assert.Equal($"adjustment '{adjustment}' is not served here: bars are unadjusted, give adjustment=raw or leave it out", error);
    }

    [Theory]
    [InlineData("/v1beta1/news?symbols=AAPL")]
    [InlineData("/v1beta3/crypto/us/bars?symbols=BTC/USD&timeframe=1Min")]
    [InlineData("/v1beta1/options/bars?symbols=AAPL240119C00100000")]
    [InlineData("/v1/corporate-actions?symbols=AAPL")]
    [InlineData("/v1beta1/corporate-actions/announcements")]
    [InlineData("/v1beta2/anything")]
    [InlineData("/v1beta1/screener/stocks/most-actives")]
    [InlineData("/v2/account")]
    [InlineData("/v2/orders")]
    [InlineData("/v2/positions")]
    [InlineData("/v2/stocks/AAPL/auctions")]
    [InlineData("/v2/stocks/meta/conditions/trade?tape=A")]
    public async Task Routes_not_served_are_a_404_in_alpacas_shape_naming_what_is_served(string path)
    {
        var error = await GetErrorAsync(fixture.Http, path, HttpStatusCode.NotFound);
        Assert.StartsWith($"not served here: GET {path.Split('?')[0]}; ", error);
        Assert.Contains("/v2/clock and /v2/calendar", error);
    }
}
