using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// In a reconnect herd, waits must not hold a grain's turn: a read waiting for a loading history lets the grain's other
/// calls (and its live bars) through, and the feed grain takes new subscribers while another's call is still waiting.
/// Decided by which call answers first, not by time (the cluster's clock is <see cref="ClusterFixture.AsOf"/>).
/// </summary>
public sealed class HerdInterleavingTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_read_waiting_for_a_loading_history_lets_the_grains_other_calls_through()
    {
        // The load takes long, as when the silo's loads queue behind a herd (each timeframe's read takes 3 s, and they
        // may run one at a time): seconds, while the other call needs none.
        fixture.Source.SlowHistory["DIS"] = TimeSpan.FromSeconds(3);
        var grain = fixture.Client.GetGrain<ISymbolGrain>("DIS");
        await grain.WarmUp();

        var read = grain.GetHistory(Timeframe.Minute1, 1).AsTask();
        // Sent after the read, so that it arrives while the read waits.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var other = grain.WarmUp().AsTask();

        Assert.Same(other, await Task.WhenAny(read, other).WaitAsync(Bound));
        Assert.False(read.IsCompleted, "the load ended before the other call was answered: nothing was shown");
        var answer = await read.WaitAsync(Bound);
        Assert.True(answer.State is SymbolState.Ready or SymbolState.Loading, $"the read answered {answer.State}: {answer.Error}");
    }

    [Fact]
    public async Task The_feed_takes_a_subscriber_while_another_call_of_it_is_still_waiting()
    {
        var feed = fixture.Client.GetGrain<IMarketFeedGrain>(fixture.Source.FeedName);
        fixture.HeldRenewals.Hold("WMT");
        var held = feed.Renew("WMT", ClusterFixture.AsOf.AddMinutes(-2)).AsTask();
        await fixture.HeldRenewals.Held.WaitAsync(Bound);

        try
        {
            await feed.Subscribe("IWM").AsTask().WaitAsync(Bound);
            Assert.False(held.IsCompleted);
        }
        finally
        {
            fixture.HeldRenewals.Release();
        }
        await held.WaitAsync(Bound);
        Assert.Contains("IWM", (await feed.GetStatus()).Symbols);
        await feed.Unsubscribe("IWM");
        await feed.Unsubscribe("WMT");
    }
}
