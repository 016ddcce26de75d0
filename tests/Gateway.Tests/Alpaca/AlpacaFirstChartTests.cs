using OrleansMarketData.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>
/// The first chart of one timeframe of a new symbol, opened as the chart page opens it (a candle socket), on a
/// standalone gateway at the default depths against the fake Alpaca: the symbol grain loads that timeframe and the
/// 1-minute history that keeps it current, not the other timeframes, so it costs a few REST requests. The count is
/// written to the test output, with Alpaca's 10,000-bar pages and with 1,000-bar pages (Alpaca may page shorter).
/// </summary>
public sealed class AlpacaFirstChartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>The default depths (Grains/Aggregation/HistoryOptions.cs), in place of the small ones AlpacaGateway sets.</summary>
    private static readonly Dictionary<string, string?> DefaultDepths = new()
    {
        ["MarketData:History:Minute1"] = "10000",
        ["MarketData:History:Minute5"] = "2000",
        ["MarketData:History:Minute15"] = "1000",
        ["MarketData:History:Hour1"] = "500",
        ["MarketData:History:Day1"] = "1000",
    };

    [Theory]
    [InlineData("1Min")]
    [InlineData("5Min")]
    [InlineData("1Day")]
    public async Task First_chart_of_one_timeframe_takes_at_most_five_requests_with_10000_bar_pages(string timeframe)
    {
        var (requests, asked) = await OpenFirstChartAsync(timeframe, barsPerPage: 10_000);

        Assert.True(requests <= 5, $"{requests} REST requests for the first {timeframe} chart");
        Assert.Equal(new[] { "1Min", timeframe }.Distinct().Order(), asked);
    }

    [Theory]
    [InlineData("5Min")]
    [InlineData("1Day")]
    public async Task First_chart_of_one_timeframe_with_1000_bar_pages_asks_only_for_it_and_the_minutes(string timeframe)
    {
        var (_, asked) = await OpenFirstChartAsync(timeframe, barsPerPage: 1_000);

        Assert.Equal(new[] { "1Min", timeframe }.Order(), asked);
    }

    /// <summary>The REST requests from opening the socket to its history, and the timeframes of bars asked for.</summary>
    private async Task<(int Requests, List<string> Asked)> OpenFirstChartAsync(string timeframe, int barsPerPage)
    {
        await using var alpaca = await AlpacaGateway.StartAsync(settings: DefaultDepths, upstreamSetUp: upstream => upstream.MaxBarsPerPage = barsPerPage);
        // The gateway started before counting.
        using var http = alpaca.Gateway.CreateHttpClient();
        using var started = await http.GetAsync("/api/health");
        var before = alpaca.Upstream.RestRequests.Count;
        var barsBefore = alpaca.Upstream.BarRequests.Count;

        await using var chart = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri($"/ws/candles/AAPL?timeframe={timeframe}&limit=500"));
        var history = await chart.ReceiveTypeAsync("historical", Wait);
        Assert.NotNull(history);
        Assert.True(history.Value.GetProperty("data").GetArrayLength() > 0, $"the first {timeframe} chart has bars");

        var requests = alpaca.Upstream.RestRequests.Count - before;
        var pages = alpaca.Upstream.BarRequests.Skip(barsBefore).ToList();
        output.WriteLine($"first {timeframe} chart of a new symbol, {barsPerPage:N0}-bar pages: {requests} REST requests ({pages.Count} bar pages: {string.Join(", ", pages)})");
        return (requests, pages.Distinct().Order().ToList());
    }
}
