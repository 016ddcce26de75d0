using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansMarketData.Calendar;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>
/// The live feed on its own, against the fake upstream: a symbol subscribed with a resume point while a stream
/// session already runs (as a feed grain activated anew after its silo died subscribes its symbols again) gets
/// the minutes it missed before its live bars.
/// </summary>
public sealed class AlpacaLiveFeedResumeTests
{
    [Fact]
    public async Task Symbol_subscribed_mid_session_with_a_resume_point_gets_its_missed_minutes_before_live_bars()
    {
        await using var upstream = await FakeAlpacaServer.StartAsync();
        var resumeAfter = FakeMarket.Minute(DateTimeOffset.UtcNow).AddMinutes(-30);
        upstream.Market.DefaultCursor = resumeAfter.AddMinutes(1);
        var options = new AlpacaOptions
        {
            KeyId = FakeAlpacaServer.KeyId,
            SecretKey = FakeAlpacaServer.Secret,
            DataUrl = upstream.BaseUrl.ToString(),
            TradingUrl = upstream.BaseUrl.ToString(),
            StreamUrl = upstream.StreamUrl,
        };
        using var http = new HttpClient();
        var rest = new AlpacaRestClient(http, Options.Create(options), new NoBudget(), TimeProvider.System, NullLogger<AlpacaRestClient>.Instance);
        await using var feed = new AlpacaLiveFeed(options, rest, new NyseCalendar(), TimeProvider.System, NullLogger.Instance);

        // The session is up, with nothing subscribed, before the symbol comes.
        for (var i = 0; i < 200 && !(feed.Connected && upstream.ActiveSessions == 1); i++) await Task.Delay(50);
        Assert.True(feed.Connected, feed.State);
        for (var i = 1; i <= 5; i++) upstream.PublishWithoutStreaming("AAPL", resumeAfter.AddMinutes(i));
        feed.Subscribe("AAPL", resumeAfter);
        for (var i = 0; i < 200 && !upstream.IsSubscribed("AAPL"); i++) await Task.Delay(50);
        Assert.True(upstream.IsSubscribed("AAPL"));
        upstream.Publish("AAPL", resumeAfter.AddMinutes(6));

        var received = new List<DateTimeOffset>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (received.Count < 6) received.Add((await feed.Bars.ReadAsync(timeout.Token)).Bar.Time);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => resumeAfter.AddMinutes(i)), received);
    }

    private sealed class NoBudget : IRequestBudget
    {
        public Task WaitTurnAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task PauseUntilAsync(DateTimeOffset until) => Task.CompletedTask;
    }
}
