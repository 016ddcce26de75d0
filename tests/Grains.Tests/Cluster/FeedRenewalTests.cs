using OrleansMarketData.Model;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// A feed that no longer counts a symbol's live holder (its holder counts are by call, not by caller, and a failover
/// can leave them short) delivers nothing for the symbol until its grain renews; the renewal must resume after the
/// grain's newest bar, or the minutes in between never reach it.
/// </summary>
public sealed class FeedRenewalTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    /// <summary>Longer than the symbol grain's renewal period (30 s).</summary>
    private static readonly TimeSpan RenewalWait = TimeSpan.FromSeconds(45);

    private static Bar LiveBar(int minute, double close) =>
        new(ClusterFixture.AsOf.AddMinutes(minute), close - 0.1, close + 0.2, close - 0.3, close, 10_000 + minute);

    [Fact]
    public async Task Renewal_of_a_symbol_the_feed_dropped_resumes_it_after_the_subscribers_newest_bar()
    {
        var feed = fixture.Client.GetGrain<IMarketFeedGrain>(fixture.Source.FeedName);
        var newest = ClusterFixture.AsOf.AddMinutes(-3);
        await feed.Renew("V", newest);
        await feed.Renew("V", newest);

        Assert.Contains("V", (await feed.GetStatus()).Symbols);
        Assert.Equal(newest, fixture.Source.Feeds[^1].ResumedAfter["V"]);
        await feed.Unsubscribe("V");
        Assert.DoesNotContain("V", (await feed.GetStatus()).Symbols);
    }

    [Fact]
    public async Task Symbol_grain_renews_a_dropped_subscription_from_its_newest_bar()
    {
        var grain = fixture.Client.GetGrain<ISymbolGrain>("BAC");
        var history = await grain.GetHistory(Timeframe.Minute1, 1);
        Assert.Equal(SymbolState.Ready, history.State);
        var bar = LiveBar(0, history.Candles[^1].Bar.Close + 0.1);
        fixture.Source.Send("BAC", bar);
        await Eventually.UntilAsync(async () => (await grain.GetLatest()).Bar == bar, "BAC's latest bar");

        var feed = fixture.Client.GetGrain<IMarketFeedGrain>(fixture.Source.FeedName);
        await feed.Unsubscribe("BAC");
        Assert.DoesNotContain("BAC", (await feed.GetStatus()).Symbols);

        await Eventually.UntilAsync(async () => (await feed.GetStatus()).Symbols.Contains("BAC"), "BAC renewed at the feed", RenewalWait);
        Assert.Equal(bar.Time, fixture.Source.Feeds[^1].ResumedAfter["BAC"]);
    }

    [Fact]
    public async Task Symbol_grain_applies_bars_and_answers_while_its_renewal_waits_for_the_feed()
    {
        var grain = fixture.Client.GetGrain<ISymbolGrain>("KO");
        var history = await grain.GetHistory(Timeframe.Minute1, 1);
        Assert.Equal(SymbolState.Ready, history.State);
        fixture.HeldRenewals.Hold("KO");
        try
        {
            await fixture.HeldRenewals.Held.WaitAsync(RenewalWait);

            var bar = LiveBar(0, history.Candles[^1].Bar.Close + 0.1);
            fixture.Source.Send("KO", bar);
            // Each answer bounded on its own: a grain stuck behind its renewal would not answer at all.
            await Eventually.UntilAsync(async () => (await grain.GetLatest().AsTask().WaitAsync(TimeSpan.FromSeconds(20))).Bar == bar,
                "the bar applied while the renewal waits");
        }
        finally
        {
            fixture.HeldRenewals.Release();
        }
    }
}
