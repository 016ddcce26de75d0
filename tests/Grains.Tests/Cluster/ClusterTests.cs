using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Feeds;
using OrleansMarketData.Hosting;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Tests.Cluster;

public sealed class ClusterTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset FirstLiveMinute = ClusterFixture.AsOf;

    private static Bar LiveBar(int minute, double close) =>
        new(FirstLiveMinute.AddMinutes(minute), close - 0.1, close + 0.2, close - 0.3, close, 10_000 + minute);

    [Fact]
    public async Task History_that_takes_longer_than_the_activation_timeout_still_loads_with_the_bars_sent_meanwhile()
    {
        // As when a burst of symbols queues for the upstream's request budget.
        fixture.Source.SlowHistory["NFLX"] = ClusterFixture.ActivationTimeout * 2;
        var grain = fixture.Client.GetGrain<ISymbolGrain>("NFLX");
        // Activates the grain, which subscribes upstream and then loads in the background.
        await grain.WarmUp(Timeframe.Minute1);
        await Eventually.UntilAsync(() => fixture.Source.Feeds.Any(f => f.Symbols.Contains("NFLX")), "NFLX subscribed at the feed");
        var bar = LiveBar(0, 650);
        fixture.Source.Send("NFLX", bar);

        // The call waits for the load; the bar is held until the history is loaded, or delivered just after it.
        var history = await Eventually.ValueAsync(() => grain.GetHistory(Timeframe.Minute1, 10).AsTask(),
            h => h.Candles.Count > 0 && h.Candles[^1].Bar == bar, h => $"the bar sent meanwhile in the history (state {h?.State})");
        Assert.Equal(SymbolState.Ready, history.State);
        Assert.Equal(10, history.Candles.Count);
        Assert.Equal(bar, history.Candles[^1].Bar);
    }

    [Fact]
    public async Task Bar_from_the_feed_reaches_an_external_and_a_cohosted_gateway_subscriber()
    {
        var external = await CandleCollector.SubscribeAsync(fixture.Client, "MSFT");
        var hosted = await CandleCollector.SubscribeAsync(fixture.HostedClient, "MSFT");
        // Each timeframe asked for, so that each is loaded and takes the bar.
        foreach (var timeframe in Timeframes.All.Reverse())
            Assert.Equal(SymbolState.Ready, (await fixture.Client.GetGrain<ISymbolGrain>("MSFT").GetHistory(timeframe, 1)).State);
        var history = await fixture.Client.GetGrain<ISymbolGrain>("MSFT").GetHistory(Timeframe.Minute1, 100);
        Assert.Equal(SymbolState.Ready, history.State);

        var bar = LiveBar(0, history.Candles[^1].Bar.Close + 0.5);
        fixture.Source.Send("MSFT", bar);

        foreach (var collector in new[] { external, hosted })
        {
            var batch = Assert.Single(await collector.WaitForAsync(1, Wait));
            Assert.Equal("MSFT", batch.Symbol);
            Assert.True(batch.Version > history.Version);
            Assert.Equal(Timeframes.All, batch.Updates.Select(u => u.Timeframe));
            var minute = batch.Updates[0].Candle;
            Assert.Equal(bar, minute.Bar);
            Assert.Equal(MarketStatus.Regular, minute.Status);
            Assert.NotNull(minute.Atr);
            Assert.NotNull(minute.Rsi);
            Assert.NotNull(minute.MaLong);
            foreach (var update in batch.Updates)
                Assert.Equal(BarAggregator.BucketStart(bar.Time, update.Timeframe), update.Candle.Time);
        }
    }

    [Fact]
    public async Task Stream_left_silent_longer_than_its_inactivity_and_cache_windows_still_delivers()
    {
        var collector = await CandleCollector.SubscribeAsync(fixture.Client, "GOOGL");
        await fixture.Client.GetGrain<ISymbolGrain>("GOOGL").GetHistory(Timeframe.Minute1, 1);
        fixture.Source.Send("GOOGL", LiveBar(0, 170));
        Assert.Single(await collector.WaitForAsync(1, Wait));

        // The silence is the test: longer than the stream's inactivity and cache windows.
        await Task.Delay(ClusterFixture.StreamWindows * 3);

        var late = LiveBar(1, 171);
        fixture.Source.Send("GOOGL", late);
        var batches = await collector.WaitForAsync(2, Wait);
        Assert.Equal(2, batches.Count);
        Assert.Equal(late, batches[1].Updates[0].Candle.Bar);
    }

    [Fact]
    public async Task Duplicate_bar_is_not_republished_and_a_revision_is_republished_with_the_same_timestamp()
    {
        var collector = await CandleCollector.SubscribeAsync(fixture.Client, "AMZN");
        await fixture.Client.GetGrain<ISymbolGrain>("AMZN").GetHistory(Timeframe.Hour1, 1);
        var first = LiveBar(0, 190);
        var revised = first with { Close = 190.4, High = 190.5 };
        var next = LiveBar(1, 191);

        var last = LiveBar(2, 192);

        fixture.Source.Send("AMZN", first);
        fixture.Source.Send("AMZN", first);
        fixture.Source.Send("AMZN", revised);
        fixture.Source.Send("AMZN", next);
        // Batches come in order: a wrongly republished duplicate would come before this one's.
        fixture.Source.Send("AMZN", last);

        await collector.WaitForAsync(4, Wait);
        var batches = collector.Batches;
        Assert.Equal([first, revised, next, last], batches.Select(b => b.Updates[0].Candle.Bar));
        Assert.True(batches[0].Version < batches[1].Version && batches[1].Version < batches[2].Version);
        // Each batch names the one before it, so a reader can tell when it missed one.
        Assert.Equal(batches[0].Version, batches[1].Previous);
        Assert.Equal(batches[1].Version, batches[2].Previous);
        var hourOfRevision = batches[1].Updates.Single(u => u.Timeframe == Timeframe.Hour1).Candle.Bar;
        Assert.Equal(revised.Close, hourOfRevision.Close);
        Assert.True(hourOfRevision.High >= revised.High);
    }

    [Fact]
    public async Task Renewal_adds_a_symbol_the_feed_does_not_know_and_never_counts_twice()
    {
        var feed = fixture.Client.GetGrain<IMarketFeedGrain>(fixture.Source.FeedName);
        await feed.Renew("WMT", null);
        await feed.Renew("WMT", null);
        Assert.Contains("WMT", (await feed.GetStatus()).Symbols);
        Assert.Contains("WMT", fixture.Source.Feeds[^1].Symbols);

        await feed.Unsubscribe("WMT");
        Assert.DoesNotContain("WMT", (await feed.GetStatus()).Symbols);
    }

    [Fact]
    public async Task Feed_grain_activated_anew_resumes_its_symbols_after_their_last_published_bars()
    {
        var feed = fixture.Client.GetGrain<IMarketFeedGrain>(fixture.Source.FeedName);
        await feed.Subscribe("DIS");
        var last = LiveBar(0, 100);
        fixture.Source.Send("DIS", last);
        await Eventually.UntilAsync(async () => (await fixture.Client.GetGrain<ISymbolGrain>("DIS").GetLatest()).Bar == last, "DIS's latest bar");
        // The feed saves its newest bars every few seconds.
        var storage = fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress).GetRequiredKeyedService<IGrainStorage>(StorageNames.Feeds);
        await Eventually.UntilAsync(async () =>
        {
            var saved = new GrainState<FeedState>();
            await storage.ReadStateAsync("feed", feed.GetGrainId(), saved);
            return saved.State?.LastBars.GetValueOrDefault("DIS") == last.Time;
        }, "DIS's newest bar saved by the feed");

        await fixture.Cluster.DeactivateAsync(feed);
        await fixture.Cluster.WaitForDeactivationAsync(feed);
        Assert.Contains("DIS", (await feed.GetStatus()).Symbols);
        Assert.Equal(last.Time, fixture.Source.Feeds[^1].ResumedAfter["DIS"]);
        await feed.Unsubscribe("DIS");
    }

    [Fact]
    public async Task Symbol_grain_holds_its_upstream_subscription_until_it_deactivates()
    {
        var grain = fixture.Client.GetGrain<ISymbolGrain>("TSLA");
        var feed = fixture.Client.GetGrain<IMarketFeedGrain>(fixture.Source.FeedName);
        await grain.GetLatest();
        Assert.Contains("TSLA", (await feed.GetStatus()).Symbols);

        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);
        Assert.DoesNotContain("TSLA", (await feed.GetStatus()).Symbols);
    }

    [Fact]
    public async Task Unknown_symbol_is_reported_and_not_subscribed_upstream()
    {
        var history = await fixture.Client.GetGrain<ISymbolGrain>("ZZZZ").GetHistory(Timeframe.Minute1, 10);
        Assert.Equal(SymbolState.UnknownSymbol, history.State);
        Assert.Empty(history.Candles);
        Assert.Equal(SymbolState.UnknownSymbol, (await fixture.Client.GetGrain<ISymbolGrain>("ZZZZ").GetLatest()).State);
        Assert.DoesNotContain("ZZZZ", (await fixture.Client.GetGrain<IMarketFeedGrain>(fixture.Source.FeedName).GetStatus()).Symbols);
    }

    /// <summary>Every bar the grain holds (the default depths): the oldest have no more than the warm-up before them.</summary>
    [Theory]
    [InlineData(Timeframe.Minute1, 10_000)]
    [InlineData(Timeframe.Minute5, 2_000)]
    [InlineData(Timeframe.Hour1, 500)]
    [InlineData(Timeframe.Day1, 1_000)]
    public async Task History_is_served_oldest_first_with_every_indicator_converged(Timeframe timeframe, int limit)
    {
        var history = await fixture.Client.GetGrain<ISymbolGrain>("SPY").GetHistory(timeframe, limit);
        Assert.Equal(limit, history.Candles.Count);
        Assert.All(history.Candles, c => Assert.True(c.Time < ClusterFixture.AsOf));
        Assert.True(history.Candles.Zip(history.Candles.Skip(1)).All(p => p.First.Time < p.Second.Time));

        // Converged: within 1e-6 (relative) of the same indicators computed over thousands of bars more history.
        var longer = new SimulatedMarket(new NyseCalendar()).Bars(SymbolUniverse.Find("SPY")!, timeframe, limit + 3_000, ClusterFixture.AsOf);
        var expected = IndicatorSet.Compute(longer, new IndicatorOptions())[^limit..];
        Assert.Equal(longer.TakeLast(limit), history.Candles.Select(c => c.Bar));
        for (var i = 0; i < limit; i++)
        {
            var (e, c) = (expected[i], history.Candles[i]);
            foreach (var (name, want, got) in new[] { ("ATR", e.Atr, c.Atr), ("RSI", e.Rsi, c.Rsi), ("MA40", e.MaShort, c.MaShort), ("MA80", e.MaMedium, c.MaMedium), ("MA160", e.MaLong, c.MaLong) })
            {
                Assert.True(want is { } w && got is { } g && Math.Abs(g - w) <= 1e-6 * Math.Max(1, Math.Abs(w)),
                    $"{name} of {c.Time:O}: {got} served, {want} over the longer history");
            }
        }
    }
}
