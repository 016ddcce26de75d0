using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansMarketData.Calendar;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>
/// An upstream that hangs or answers what is not JSON fails a request with <see cref="AlpacaRequestException"/>,
/// the failure its callers handle: the calendar then keeps the built-in NYSE rules instead of failing the read
/// that needed it.
/// </summary>
public sealed class AlpacaRestFaultTests : IAsyncLifetime
{
    private readonly PinnedClock _clock = new(MarketTime.RegularHours);
    private FakeAlpacaServer _upstream = null!;

    public async Task InitializeAsync() => _upstream = await FakeAlpacaServer.StartAsync(_clock);

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task A_hung_trading_api_leaves_the_calendar_on_the_built_in_rules()
    {
        _upstream.RestFaults.Hold = TimeSpan.FromMinutes(5);
        // HttpClient's own timeout, short so that the test does not wait for the production one.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        await AssertCalendarFallsBackAsync(http);
        Assert.True(_upstream.RestFaults.Injected > 0, "the request reached the fake");
    }

    [Fact]
    public async Task A_trading_api_answering_html_leaves_the_calendar_on_the_built_in_rules()
    {
        _upstream.RestFaults.Malformed = true;
        using var http = new HttpClient();
        await AssertCalendarFallsBackAsync(http);
    }

    [Fact]
    public async Task A_hung_data_api_fails_the_read_with_an_alpaca_request_error()
    {
        _upstream.RestFaults.Hold = TimeSpan.FromMinutes(5);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var error = await Assert.ThrowsAsync<AlpacaRequestException>(() =>
            Rest(http).GetLatestBarAsync("AAPL", CancellationToken.None));
        Assert.DoesNotContain(FakeAlpacaServer.Secret, error.Message);
    }

    private async Task AssertCalendarFallsBackAsync(HttpClient http)
    {
        var rules = new NyseCalendar();
        var calendar = new AlpacaCalendar(rules, _clock, NullLogger<AlpacaCalendar>.Instance);
        await calendar.EnsureFreshAsync(Rest(http), CancellationToken.None);
        var today = DateOnly.FromDateTime(MarketTime.RegularHours.DateTime);
        Assert.Equal(rules.SessionOn(today), calendar.SessionOn(today));
        Assert.NotNull(calendar.SessionOn(today));
    }

    private AlpacaRestClient Rest(HttpClient http) => new(http, Options.Create(new AlpacaOptions
    {
        KeyId = FakeAlpacaServer.KeyId,
        SecretKey = FakeAlpacaServer.Secret,
        DataUrl = _upstream.BaseUrl.ToString(),
        TradingUrl = _upstream.BaseUrl.ToString(),
        StreamUrl = _upstream.StreamUrl,
    }), new NoBudget(), _clock, NullLogger<AlpacaRestClient>.Instance);
}
