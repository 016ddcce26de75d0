namespace OrleansMarketData.Tests.Cluster;

/// <summary>The feed grain's holders: a symbol is held as in a set, so a subscribe retried is released by one unsubscribe.</summary>
public sealed class FeedStateTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IMarketFeedGrain Feed => fixture.Client.GetGrain<IMarketFeedGrain>(fixture.Source.FeedName);

    [Fact]
    public async Task A_subscribe_made_twice_is_released_by_one_unsubscribe()
    {
        await Feed.Subscribe("TWICE");
        await Feed.Subscribe("TWICE");
        Assert.Contains("TWICE", (await Feed.GetStatus()).Symbols);

        await Feed.Unsubscribe("TWICE");
        Assert.DoesNotContain("TWICE", (await Feed.GetStatus()).Symbols);
        Assert.DoesNotContain("TWICE", fixture.Source.Feeds[^1].Symbols);
    }
}
