using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansMarketData.Calendar;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Sources.Alpaca;
using OrleansMarketData.Testing;

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
        var clock = new PinnedClock(MarketTime.RegularHours);
        await using var upstream = await FakeAlpacaServer.StartAsync(clock);
        var minutes = upstream.Market.MinutesBefore("AAPL", FakeMarket.Minute(clock.GetUtcNow()).AddMinutes(-23), 7);
        var resumeAfter = minutes[0];
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
        var rest = new AlpacaRestClient(http, Options.Create(options), new NoBudget(), clock, NullLogger<AlpacaRestClient>.Instance);
        await using var feed = new AlpacaLiveFeed(options, rest, new NyseCalendar(), clock, NullLogger.Instance);

        // The session is up, with nothing subscribed, before the symbol comes.
        await Eventually.UntilAsync(() => feed.Connected && upstream.ActiveSessions == 1, "the feed connected");
        for (var i = 1; i <= 5; i++) upstream.PublishWithoutStreaming("AAPL", minutes[i]);
        feed.Subscribe("AAPL", resumeAfter);
        await Eventually.UntilAsync(() => upstream.IsSubscribed("AAPL"), "AAPL subscribed upstream");
        upstream.Publish("AAPL", minutes[6]);

        var received = new List<DateTimeOffset>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (received.Count < 6) received.Add((await feed.Bars.ReadAsync(timeout.Token)).Bar.Time);
        Assert.Equal(minutes[1..], received);
    }
}
