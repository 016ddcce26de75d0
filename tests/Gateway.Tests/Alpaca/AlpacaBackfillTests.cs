using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansMarketData.Calendar;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Sources.Alpaca;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>
/// The live feed on its own against the fake upstream, through faults during the backfill that follows a reconnect:
/// the missed minutes are owed until REST gives them, and the stream stays up while REST is slow.
/// </summary>
public sealed class AlpacaBackfillTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private readonly PinnedClock _clock = new(MarketTime.RegularHours);
    private FakeAlpacaServer _upstream = null!;
    private HttpClient _http = null!;
    private AlpacaLiveFeed _feed = null!;
    private List<DateTimeOffset> _minutes = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeAlpacaServer.StartAsync(_clock);
        _minutes = _upstream.Market.MinutesBefore("AAPL", FakeMarket.Minute(_clock.GetUtcNow()).AddMinutes(-23), 4);
        _upstream.Market.DefaultCursor = _minutes[0];
        var options = new AlpacaOptions
        {
            KeyId = FakeAlpacaServer.KeyId,
            SecretKey = FakeAlpacaServer.Secret,
            DataUrl = _upstream.BaseUrl.ToString(),
            TradingUrl = _upstream.BaseUrl.ToString(),
            StreamUrl = _upstream.StreamUrl,
            MaxReconnectDelay = TimeSpan.FromSeconds(2),
        };
        _http = new HttpClient();
        var rest = new AlpacaRestClient(_http, Options.Create(options), new NoBudget(), _clock, NullLogger<AlpacaRestClient>.Instance);
        _feed = new AlpacaLiveFeed(options, rest, new NyseCalendar(), _clock, NullLogger.Instance);
        _feed.Subscribe("AAPL", resumeAfter: null);
        await Eventually.UntilAsync(() => _feed.Connected && _upstream.IsSubscribed("AAPL"), "the feed subscribed upstream");
        _upstream.Publish("AAPL", _minutes[0]);
        Assert.Equal(_minutes[0], await NextBarAsync());
    }

    public async Task DisposeAsync()
    {
        await _feed.DisposeAsync();
        _http.Dispose();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Minutes_missed_while_rest_fails_are_owed_shown_in_health_and_sent_in_order_once_it_answers()
    {
        _upstream.RestFaults.Fail = true;
        var authentications = _upstream.AuthAttempts.Count;
        _upstream.DropAllConnections();
        _upstream.PublishWithoutStreaming("AAPL", _minutes[1]);
        _upstream.PublishWithoutStreaming("AAPL", _minutes[2]);
        await Eventually.UntilAsync(() => _feed.Connected && _upstream.AuthAttempts.Count > authentications && _upstream.IsSubscribed("AAPL"),
            "the feed reconnected");
        _upstream.Publish("AAPL", _minutes[3]);

        await Eventually.UntilAsync(() => _feed.LastError?.Contains("backfill pending for 1 symbol") == true,
            "the owed minutes in the feed's state");
        _upstream.RestFaults.Fail = false;

        Assert.Equal(_minutes[1..], [await NextBarAsync(), await NextBarAsync(), await NextBarAsync()]);
        await Eventually.UntilAsync(() => _feed.LastError is null, "the feed's error cleared");
    }

    [Fact]
    public async Task The_stream_is_read_while_a_backfill_waits_and_the_connection_survives_it()
    {
        // A symbol with no bar yet has nothing to backfill: its live bars may flow while AAPL's are owed.
        _feed.Subscribe("MSFT", resumeAfter: null);
        await Eventually.UntilAsync(() => _upstream.IsSubscribed("MSFT"), "MSFT subscribed upstream");
        // Longer than the stream's 10-s ping interval plus its 10-s pong timeout, until released.
        _upstream.RestFaults.Hold = TimeSpan.FromMinutes(5);
        var authentications = _upstream.AuthAttempts.Count;
        _upstream.DropAllConnections();
        _upstream.PublishWithoutStreaming("AAPL", _minutes[1]);
        _upstream.PublishWithoutStreaming("AAPL", _minutes[2]);
        await Eventually.UntilAsync(() => _feed.Connected && _upstream.AuthAttempts.Count > authentications && _upstream.IsSubscribed("AAPL"),
            "the feed reconnected");
        await Eventually.UntilAsync(() => _upstream.RestFaults.Injected > 0, "the backfill waiting for REST");
        _upstream.Publish("AAPL", _minutes[3]);
        var msft = _upstream.Market.MinutesBefore("MSFT", _minutes[3], 1)[0];
        _upstream.Publish("MSFT", msft);

        // MSFT's bar comes while AAPL's backfill still waits; AAPL's live bar waits behind its missed minutes.
        var first = await NextAsync();
        Assert.Equal(("MSFT", msft), (first.Symbol, first.Bar.Time));
        _upstream.RestFaults.Hold = TimeSpan.Zero;
        Assert.Equal(_minutes[1..], [await NextBarAsync(), await NextBarAsync(), await NextBarAsync()]);
        Assert.Equal(authentications + 1, _upstream.AuthAttempts.Count);
    }

    private async Task<OrleansMarketData.Model.SymbolBar> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        return await _feed.Bars.ReadAsync(timeout.Token);
    }

    private async Task<DateTimeOffset> NextBarAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        return (await _feed.Bars.ReadAsync(timeout.Token)).Bar.Time;
    }
}
