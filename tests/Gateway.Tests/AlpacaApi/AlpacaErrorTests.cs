using System.Net;
using System.Text;
using OrleansMarketData.Gateway.Tests.Alpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>Every refusal of the Alpaca-compatible REST is Alpaca's <c>{"code","message"}</c> with Alpaca's status.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AlpacaErrorTests(GatewayFixture fixture)
{
    private const string Supported = "1Min (1T), 5Min (5T), 15Min (15T), 1Hour (1H), 1Day (1D)";

    [Theory]
    [InlineData("", "missing timeframe")]
    [InlineData("timeframe=2Min", "is not served here")]
    [InlineData("timeframe=30T", "is not served here")]
    [InlineData("timeframe=4Hour", "is not served here")]
    [InlineData("timeframe=1Week", "is not served here")]
    [InlineData("timeframe=3Month", "is not served here")]
    [InlineData("timeframe=60Min", "invalid timeframe")]
    [InlineData("timeframe=0Min", "invalid timeframe")]
    [InlineData("timeframe=2Day", "invalid timeframe")]
    [InlineData("timeframe=5M", "invalid timeframe")]
    [InlineData("timeframe=1min", "invalid timeframe")]
    [InlineData("timeframe=2Sec", "invalid timeframe")]
    public async Task Unusable_timeframe_is_a_422_listing_the_supported_ones(string query, string message)
    {
        var error = await GetErrorAsync(fixture.Http, $"/v2/stocks/AAPL/bars?{query}", HttpStatusCode.UnprocessableEntity);
        Assert.Contains(message, error);
        Assert.Contains(Supported, error);
    }

    [Theory]
    [InlineData("limit=0", "invalid limit")]
    [InlineData("limit=10001", "invalid limit")]
    [InlineData("limit=abc", "invalid limit")]
    [InlineData("limit=-5", "invalid limit")]
    [InlineData("sort=up", "invalid sort")]
    [InlineData("start=yesterday", "invalid start")]
    [InlineData("end=2024-13-01", "invalid end")]
    [InlineData("start=2024-01-02T10:00:00", "invalid start")]
    [InlineData("page_token=%25%25%25", "invalid page_token")]
    [InlineData("feed=nasdaq", "invalid feed")]
    [InlineData("currency=EUR", "invalid currency")]
    [InlineData("adjustment=magic", "invalid adjustment")]
    [InlineData("asof=soon", "invalid asof")]
    [InlineData("timeFrame=1Min", "unexpected parameter(s): timeFrame")]
    [InlineData("limit=5&limit=6", "limit is given 2 times")]
    public async Task Bad_parameter_is_a_400_naming_it(string query, string message)
    {
        var error = await GetErrorAsync(fixture.Http, $"/v2/stocks/AAPL/bars?timeframe=1Min&{query}", HttpStatusCode.BadRequest);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Start_after_end_is_a_422()
    {
        var error = await GetErrorAsync(fixture.Http, "/v2/stocks/AAPL/bars?timeframe=1Min&start=2024-02-02&end=2024-02-01", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("start must not be after end", error);
    }

    [Fact]
    public async Task Page_token_of_another_symbol_is_refused()
    {
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("MSFT|2024-01-02T15:00:00.0000000Z"));
        var error = await GetErrorAsync(fixture.Http, $"/v2/stocks/AAPL/bars?timeframe=1Min&page_token={Uri.EscapeDataString(token)}", HttpStatusCode.BadRequest);
        Assert.Contains("invalid page_token", error);
    }

    [Theory]
    [InlineData("/v2/stocks/bars?timeframe=1Min", "missing symbols")]
    [InlineData("/v2/stocks/bars?timeframe=1Min&symbols=,", "missing symbols")]
    [InlineData("/v2/stocks/bars?timeframe=1Min&symbols=AAPL,MS$FT", "invalid symbol")]
    [InlineData("/v2/stocks/AAPL$/bars?timeframe=1Min", "invalid symbol")]
    [InlineData("/v2/stocks/bars/latest", "missing symbols")]
    [InlineData("/v2/stocks/AAPL/bars/latest?timeframe=1Min", "unexpected parameter(s): timeframe")]
    [InlineData("/v2/stocks/AAPL/bars/latest?feed=nasdaq", "invalid feed")]
    [InlineData("/v2/clock?x=1", "unexpected parameter(s): x")]
    [InlineData("/v2/calendar?start=tomorrow", "invalid start")]
    [InlineData("/v2/calendar?end=1800-01-01", "invalid end")]
    [InlineData("/v2/calendar?date_type=WHENEVER", "invalid date_type")]
    public async Task Bad_request_on_any_endpoint_is_a_400(string path, string message)
    {
        var error = await GetErrorAsync(fixture.Http, path, HttpStatusCode.BadRequest);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("/v2/stocks/AAPL/auctions")]
    [InlineData("/v2/stocks/meta/exchanges")]
    [InlineData("/v2/stocks/AAPL/trades/first")]
    public async Task Stock_endpoints_not_served_are_a_404_in_alpacas_shape(string path)
    {
        var error = await GetErrorAsync(fixture.Http, path, HttpStatusCode.NotFound);
        Assert.Contains("not served here", error);
    }

    [Fact]
    public async Task Unknown_symbol_on_latest_is_a_404()
    {
        Assert.Equal("unknown symbol 'ZZZZ'", await GetErrorAsync(fixture.Http, "/v2/stocks/zzzz/bars/latest", HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Upstream_failure_is_a_503_in_alpacas_shape_without_the_upstream_secret()
    {
        const string wrongSecret = "wrong-secret-90ab7c3d1e";
        await using var alpaca = await AlpacaGateway.StartAsync(secret: wrongSecret);
        using var http = alpaca.Gateway.CreateHttpClient();
        foreach (var path in new[] { "/v2/stocks/AAPL/bars?timeframe=1Min&start=2024-01-02", "/v2/stocks/bars?symbols=AAPL&timeframe=1Day", "/v2/stocks/AAPL/bars/latest" })
        {
            var error = await GetErrorAsync(http, path, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("auth failed", error);
            Assert.DoesNotContain(wrongSecret, error);
        }
    }
}
