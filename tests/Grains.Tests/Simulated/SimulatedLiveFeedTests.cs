using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Tests.Simulated;

/// <summary>
/// The simulated live feed on a fake clock: each minute mark passed emits the bars of the minutes that ended, for the
/// subscribed symbols, equal to <see cref="SimulatedMarket.MinuteBar"/>. Waits are bounded and driven by the fake
/// clock's timers, never by sleeping.
/// </summary>
public sealed class SimulatedLiveFeedTests
{
    private static readonly NyseCalendar Calendar = new();
    private static readonly SimulatedMarket Market = new(Calendar);

    private static (ObservableTimeProvider Time, SimulatedLiveFeed Feed) Start(DateTimeOffset wall, double speed, DateTimeOffset? marketStart = null)
    {
        var time = new ObservableTimeProvider(new FakeTimeProvider(wall));
        var clock = new SimulatedClock(time, Options.Create(new SimulatorOptions { Speed = speed, StartTime = marketStart }), Calendar);
        return (time, new SimulatedLiveFeed(Market, clock, time, NullLogger.Instance));
    }

    private static List<SymbolBar> Drain(SimulatedLiveFeed feed)
    {
        var bars = new List<SymbolBar>();
        while (feed.Bars.TryRead(out var bar)) bars.Add(bar);
        return bars;
    }

    private static List<SymbolBar> Expected(string symbol, DateTimeOffset first, int minutes) =>
        Enumerable.Range(0, minutes)
            .Select(i => Market.MinuteBar(SymbolUniverse.Find(symbol)!, first.AddMinutes(i)))
            .OfType<Bar>()
            .Select(b => new SymbolBar(symbol, b))
            .ToList();

    [Fact]
    public async Task Emits_the_minutes_that_ended_in_order()
    {
        var start = new DateTimeOffset(2025, 6, 10, 14, 0, 30, TimeSpan.Zero); // 10:00:30 New York
        var (time, feed) = Start(start, speed: 1);
        await using var _ = feed;
        feed.Subscribe("AAPL", resumeAfter: null);
        await time.WaitUntilIdleAsync();
        Assert.Empty(Drain(feed));

        time.Fake.Advance(TimeSpan.FromSeconds(29));
        await time.WaitUntilIdleAsync();
        Assert.Empty(Drain(feed)); // 14:00:59: no minute has ended yet

        time.Fake.Advance(TimeSpan.FromSeconds(121)); // 14:03:00
        await time.WaitUntilIdleAsync();
        Assert.Equal(Expected("AAPL", start.AddSeconds(-30), 3), Drain(feed));
        Assert.Equal(time.Fake.GetUtcNow(), feed.LastMessageTime);
        Assert.True(feed.Connected);
        Assert.Equal("streaming", feed.State);
    }

    [Fact]
    public async Task Fast_clock_emits_per_symbol_and_skips_minutes_without_trades()
    {
        var marketStart = new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero); // 08:00 New York, pre-market
        var (time, feed) = Start(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), speed: 60, marketStart);
        await using var _ = feed;
        feed.Subscribe("AAPL", resumeAfter: null);
        feed.Subscribe("SPY", resumeAfter: null);
        feed.Subscribe("ZZZZ", resumeAfter: null); // unknown: ignored
        await time.WaitUntilIdleAsync();

        time.Fake.Advance(TimeSpan.FromSeconds(45)); // 45 simulated minutes
        await time.WaitUntilIdleAsync();

        var bars = Drain(feed);
        var aapl = Expected("AAPL", marketStart, 45);
        Assert.True(aapl.Count is > 0 and < 45, "pre-market should have some minutes without trades");
        Assert.Equal(aapl, bars.Where(b => b.Symbol == "AAPL"));
        Assert.Equal(Expected("SPY", marketStart, 45), bars.Where(b => b.Symbol == "SPY"));
        Assert.Equal(bars.Count, aapl.Count + bars.Count(b => b.Symbol == "SPY"));
    }

    [Fact]
    public async Task Unsubscribe_stops_the_bars()
    {
        var marketStart = new DateTimeOffset(2025, 6, 10, 15, 0, 0, TimeSpan.Zero);
        var (time, feed) = Start(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), speed: 60, marketStart);
        await using var _ = feed;
        feed.Subscribe("MSFT", resumeAfter: null);
        await time.WaitUntilIdleAsync();
        time.Fake.Advance(TimeSpan.FromSeconds(2));
        await time.WaitUntilIdleAsync();
        Assert.Equal(Expected("MSFT", marketStart, 2), Drain(feed));

        feed.Unsubscribe("MSFT");
        time.Fake.Advance(TimeSpan.FromSeconds(5));
        await time.WaitUntilIdleAsync();
        Assert.Empty(Drain(feed));
        Assert.Equal(time.Fake.GetUtcNow(), feed.LastMessageTime); // the loop did pass the minute marks

        feed.Subscribe("MSFT", resumeAfter: null);
        time.Fake.Advance(TimeSpan.FromSeconds(1));
        await time.WaitUntilIdleAsync();
        Assert.Equal(Expected("MSFT", marketStart.AddMinutes(7), 1), Drain(feed));
    }

    [Fact]
    public async Task Resumed_symbol_first_gets_the_minutes_missed_since_its_last_bar_then_the_live_ones()
    {
        var marketStart = new DateTimeOffset(2025, 6, 10, 15, 0, 0, TimeSpan.Zero); // 11:00 New York
        var (time, feed) = Start(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), speed: 60, marketStart);
        await using var _ = feed;
        await time.WaitUntilIdleAsync();
        time.Fake.Advance(TimeSpan.FromSeconds(3)); // the loop passes 15:01, 15:02 and 15:03 with nobody subscribed
        await time.WaitUntilIdleAsync();

        // An earlier connection delivered MSFT up to 14:55.
        feed.Subscribe("MSFT", resumeAfter: marketStart.AddMinutes(-5));
        time.Fake.Advance(TimeSpan.FromSeconds(2));
        await time.WaitUntilIdleAsync();

        Assert.Equal(Expected("MSFT", marketStart.AddMinutes(-4), 9), Drain(feed));
    }

    [Fact]
    public async Task DisposeAsync_completes_the_channel()
    {
        var marketStart = new DateTimeOffset(2025, 6, 10, 15, 0, 0, TimeSpan.Zero);
        var (time, feed) = Start(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), speed: 60, marketStart);
        feed.Subscribe("TSLA", resumeAfter: null);
        await time.WaitUntilIdleAsync();
        time.Fake.Advance(TimeSpan.FromSeconds(3));
        await time.WaitUntilIdleAsync();

        await feed.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(feed.Connected);
        Assert.Equal("stopped", feed.State);
        // The reader gets the bars already emitted, then the end of the stream.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var remaining = new List<SymbolBar>();
        await foreach (var bar in feed.Bars.ReadAllAsync(timeout.Token)) remaining.Add(bar);
        Assert.Equal(Expected("TSLA", marketStart, 3), remaining);
        Assert.True(feed.Bars.Completion.IsCompletedSuccessfully);
    }
}
