using System.Net;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// The chart page is part of the gateway's build output: its bundle must be served from every gateway without
/// disturbing the API's JSON errors. What the page does in a browser is tested in tests/Browser.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ChartPageTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Root_serves_the_chart_page_which_loads_its_bundle_and_styles_from_the_gateway()
    {
        using var page = await fixture.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("src=\"app.js\"", html);
        Assert.Contains("href=\"styles.css\"", html);
        Assert.DoesNotContain("://", html);

        using var script = await fixture.Http.GetAsync("/app.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/ws/candles/", await script.Content.ReadAsStringAsync());

        using var styles = await fixture.Http.GetAsync("/styles.css");
        Assert.Equal(HttpStatusCode.OK, styles.StatusCode);
        Assert.Equal("text/css", styles.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Every_file_of_the_page_is_where_the_gateway_looks_for_files_and_api_paths_are_not()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => Path.GetFileName(f) == "index.html");
        Assert.All(files, f => Assert.True(WebRoot.MayHold("/" + Path.GetRelativePath(root, f).Replace('\\', '/')), f));
        Assert.True(WebRoot.MayHold("/"));
        Assert.False(WebRoot.MayHold("/api/symbols/AAPL/latest"));
        Assert.False(WebRoot.MayHold("/v2/stocks/bars"));
    }

    [Theory]
    [InlineData("/index.htm")]
    [InlineData("/nope.js")]
    [InlineData("/web/src/main.js")]
    public async Task A_missing_file_is_a_json_404(string path)
    {
        using var response = await fixture.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
