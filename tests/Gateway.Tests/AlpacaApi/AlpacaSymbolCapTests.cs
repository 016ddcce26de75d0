using System.Net;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>A multi-symbol request names at most 200 symbols: more is a 400 before any symbol is looked up.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AlpacaSymbolCapTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("/v2/stocks/bars?timeframe=1Min&symbols=")]
    [InlineData("/v2/stocks/bars/latest?symbols=")]
    public async Task More_than_200_symbols_in_one_request_is_a_400(string path)
    {
        var symbols = string.Join(',', Enumerable.Range(1, 201).Select(i => $"ZQ{i:D3}"));

        var error = await GetErrorAsync(fixture.Http, path + symbols, HttpStatusCode.BadRequest);

        Assert.Contains("at most 200 per request, 201 given", error);
    }
}
