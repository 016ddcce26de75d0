using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansMarketData.Grains;
using OrleansMarketData.Model;
using OrleansMarketData.Sources;
using OrleansMarketData.Tape;

namespace OrleansMarketData.Tests.Tape;

/// <summary>
/// The feed grain's tape registrations: a symbol's channel is subscribed upstream while some gateway names it (and for
/// <see cref="TapeRegistry.Linger"/> after), each gateway counting once however often it repeats its interest, and a
/// gateway that stops renewing is dropped.
/// </summary>
public sealed class TapeRegistryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 18, 15, 0, 0, TimeSpan.Zero));
    private readonly RecordingTape _upstream = new();
    private readonly TapeRelay _relay = new(NullLogger.Instance);
    private readonly Gateway _a = new("a");
    private readonly Gateway _b = new("b");

    private TapeRegistry NewRegistry() => new(_upstream, _relay, _time);

    [Fact]
    public void A_channel_is_subscribed_upstream_once_while_any_gateway_names_it()
    {
        var registry = NewRegistry();
        registry.Watch(_a, new TapeInterest(["AAPL"], ["AAPL"], []));
        registry.Watch(_b, new TapeInterest(["AAPL", "MSFT"], [], []));
        // Repeated: a set per gateway, nothing changes.
        registry.Watch(_a, new TapeInterest(["AAPL"], ["AAPL"], []));
        Assert.Equal(["+Trades AAPL", "+Quotes AAPL", "+Trades MSFT"], _upstream.Calls);

        registry.Watch(_a, new TapeInterest([], ["AAPL"], []));
        Assert.Equal(3, _upstream.Calls.Count);
        registry.Watch(_b, TapeInterest.None);
        // Unwanted, they linger before they are unsubscribed upstream.
        registry.DropExpired();
        Assert.Equal(3, _upstream.Calls.Count);
        _time.Advance(TapeRegistry.Linger);
        registry.DropExpired();
        Assert.Equal(["+Trades AAPL", "+Quotes AAPL", "+Trades MSFT", "-Trades AAPL", "-Trades MSFT"], _upstream.Calls);
        Assert.Equal(1, registry.Subscribed);
    }

    [Fact]
    public void A_channel_wanted_again_while_it_lingers_stays_subscribed_without_a_second_subscribe()
    {
        var registry = NewRegistry();
        registry.Watch(_a, new TapeInterest(["AAPL"], [], []));
        registry.Watch(_a, TapeInterest.None);
        _time.Advance(TapeRegistry.Linger / 2);
        registry.Watch(_b, new TapeInterest(["AAPL"], [], []));
        _time.Advance(TapeRegistry.Linger);
        registry.DropExpired();
        Assert.Equal(["+Trades AAPL"], _upstream.Calls);
        Assert.Equal([_b], _relay.Routes.For(new TapeEvent("AAPL", Trade: new Trade(_time.GetUtcNow(), 1, 1, 1, "V", ["@"], "C"))));
    }

    [Fact]
    public void Routes_send_each_message_to_the_gateways_that_name_it_and_statuses_of_the_wildcard_to_all()
    {
        var registry = NewRegistry();
        registry.Watch(_a, new TapeInterest(["AAPL"], [], ["*"]));
        registry.Watch(_b, new TapeInterest(["AAPL"], ["MSFT"], ["MSFT"]));
        var trade = new Trade(_time.GetUtcNow(), 1, 1, 1, "V", ["@"], "C");
        var quote = new Quote(_time.GetUtcNow(), "V", 1, 100, "V", 1.01, 100, ["R"], "C");
        var status = new TradingStatus(_time.GetUtcNow(), "H", "Trading Halt", "T12", "News", "C");

        Assert.Equal(new ITapeObserver[] { _a, _b }.ToHashSet(), _relay.Routes.For(new TapeEvent("AAPL", Trade: trade)).ToHashSet());
        Assert.Equal([_b], _relay.Routes.For(new TapeEvent("MSFT", Quote: quote)));
        Assert.Empty(_relay.Routes.For(new TapeEvent("AAPL", Quote: quote)));
        Assert.Equal(new ITapeObserver[] { _a, _b }.ToHashSet(), _relay.Routes.For(new TapeEvent("MSFT", Status: status)).ToHashSet());
        Assert.Equal([_a], _relay.Routes.For(new TapeEvent("TSLA", Status: status)));
    }

    [Fact]
    public void A_gateway_that_stops_renewing_is_dropped_after_the_expiry()
    {
        var registry = NewRegistry();
        registry.Watch(_a, new TapeInterest(["AAPL"], [], []));
        registry.Watch(_b, new TapeInterest(["MSFT"], [], []));
        _time.Advance(WatchRegistration.Expiry / 2);
        registry.Watch(_b, new TapeInterest(["MSFT"], [], []));
        _time.Advance(WatchRegistration.Expiry / 2 + TimeSpan.FromSeconds(1));
        registry.DropExpired();
        Assert.Empty(_relay.Routes.For(new TapeEvent("AAPL", Trade: new Trade(_time.GetUtcNow(), 1, 1, 1, "V", ["@"], "C"))));
        _time.Advance(TapeRegistry.Linger);
        registry.DropExpired();

        Assert.Equal(["+Trades AAPL", "+Trades MSFT", "-Trades AAPL"], _upstream.Calls);
        Assert.Equal(1, registry.Gateways);
        Assert.Empty(_relay.Routes.For(new TapeEvent("AAPL", Trade: new Trade(_time.GetUtcNow(), 1, 1, 1, "V", ["@"], "C"))));
    }

    private sealed class RecordingTape : ILiveTape
    {
        public List<string> Calls { get; } = [];

        public ChannelReader<TapeEvent> Tape { get; } = Channel.CreateUnbounded<TapeEvent>().Reader;

        public void SubscribeTape(TapeChannel channel, string symbol) => Calls.Add($"+{channel} {symbol}");

        public void UnsubscribeTape(TapeChannel channel, string symbol) => Calls.Add($"-{channel} {symbol}");
    }

    private sealed record Gateway(string Name) : ITapeObserver
    {
        public Task OnTape(IReadOnlyList<TapeEvent> events) => Task.CompletedTask;
    }
}
