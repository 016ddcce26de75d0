using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Tests.Simulated;

/// <summary>
/// The simulator's live tape on a fake clock: what a subscription releases is every trade and quote of
/// <see cref="SimulatedMarket.Tape"/> whose time falls after the subscription and at or before the clock, each quote
/// before the trade it brackets, and an unsubscribed channel stops while the other goes on.
/// </summary>
public sealed class SimulatedTapeFeedTests
{
    private static readonly NyseCalendar Calendar = new();
    private static readonly SimulatedMarket Market = new(Calendar);

    [Fact]
    public async Task Releases_the_minutes_trades_and_quotes_as_the_clock_passes_them_and_stops_a_channel_unsubscribed()
    {
        var start = new DateTimeOffset(2025, 6, 10, 14, 0, 30, TimeSpan.Zero); // 10:00:30 New York
        var time = new ObservableTimeProvider(new FakeTimeProvider(start));
        var clock = new SimulatedClock(time, Options.Create(new SimulatorOptions { Speed = 1 }), Calendar);
        await using var feed = new SimulatedTapeFeed(Market, clock, time, symbol => SymbolUniverse.Find(symbol));
        feed.Subscribe(TapeChannel.Trades, "AAPL");
        feed.Subscribe(TapeChannel.Quotes, "AAPL");
        feed.Subscribe(TapeChannel.Statuses, "AAPL");
        feed.Subscribe(TapeChannel.Trades, "NOSUCH");
        await time.WaitUntilIdleAsync();

        time.Fake.Advance(TimeSpan.FromSeconds(100)); // 14:02:10
        await time.WaitUntilIdleAsync();
        var released = Drain(feed);
        Assert.Equal(Expected(start, time.Fake.GetUtcNow(), trades: true, quotes: true), released);
        Assert.Contains(released, e => e.Trade is not null && e.Trade.Time.Minute == 1);

        var before = time.Fake.GetUtcNow();
        feed.Unsubscribe(TapeChannel.Trades, "AAPL");
        time.Fake.Advance(TimeSpan.FromSeconds(60));
        await time.WaitUntilIdleAsync();
        var quotesOnly = Drain(feed);
        Assert.NotEmpty(quotesOnly);
        Assert.Equal(Expected(before, time.Fake.GetUtcNow(), trades: false, quotes: true), quotesOnly);
    }

    /// <summary>The AAPL tape of the minutes from <paramref name="after"/> to <paramref name="until"/>, in time order, quote i before trade i.</summary>
    private static List<TapeEvent> Expected(DateTimeOffset after, DateTimeOffset until, bool trades, bool quotes)
    {
        var events = new List<TapeEvent>();
        var profile = SymbolUniverse.Find("AAPL")!;
        for (var minute = after.AddTicks(-(after.UtcTicks % TimeSpan.TicksPerMinute)); minute <= until; minute = minute.AddMinutes(1))
        {
            if (Market.Tape(profile, minute) is not { } tape) continue;
            for (var i = 0; i < tape.Trades.Count; i++)
            {
                if (quotes && tape.Quotes[i].Time > after && tape.Quotes[i].Time <= until) events.Add(new TapeEvent("AAPL", Quote: tape.Quotes[i]));
                if (trades && tape.Trades[i].Time > after && tape.Trades[i].Time <= until) events.Add(new TapeEvent("AAPL", Trade: tape.Trades[i]));
            }
        }
        return events;
    }

    private static List<TapeEvent> Drain(SimulatedTapeFeed feed)
    {
        var events = new List<TapeEvent>();
        while (feed.Tape.TryRead(out var e)) events.Add(e);
        return events;
    }
}
