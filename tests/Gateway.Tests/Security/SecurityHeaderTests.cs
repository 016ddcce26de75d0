using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Security;

[Collection(GatewayCollection.Name)]
public sealed class SecurityHeaderTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/health")]
    [InlineData("/api/symbols/AAPL/latest")]
    [InlineData("/no/such/route")]
    public async Task Every_answer_forbids_sniffing_framing_and_referrers(string path)
    {
        using var response = await fixture.Http.GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"), "the server header names the web server");
    }

    [Fact]
    public async Task The_chart_page_may_load_only_its_own_scripts_and_connect_only_back()
    {
        using var response = await fixture.Http.GetAsync("/");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        // 'self' covers the page's own host over ws: and wss: too; a bare ws: or wss: would allow any host.
        var connect = policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("connect-src ", StringComparison.Ordinal));
        Assert.Equal("connect-src 'self'", connect);
        Assert.Contains("frame-ancestors 'none'", policy);
    }
}
