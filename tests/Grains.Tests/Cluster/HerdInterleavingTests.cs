namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// In a reconnect herd, waits must not hold the feed grain's turn: it takes new subscribers (the activations of a
/// herd's symbol grains) while another call of it is still waiting. Decided by which call answers, not by time (the
/// cluster's clock is <see cref="ClusterFixture.AsOf"/>).
/// </summary>
public sealed class HerdInterleavingTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

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
