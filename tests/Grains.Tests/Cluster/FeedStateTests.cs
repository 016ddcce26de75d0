using OrleansMarketData.Testing;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// The feed grain's holders: a symbol is held as in a set, so a subscribe retried is released by one unsubscribe; and
/// subscribes that arrive while its state is being written wait for one write together, not for one write each.
/// </summary>
public sealed class FeedStateTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

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

    [Fact]
    public async Task Subscribes_that_arrive_while_the_state_is_written_are_saved_together_in_the_next_write()
    {
        const int herd = 20;
        var storage = fixture.FeedStorage;
        await Feed.Ping();
        storage.HoldWrites();
        var writesBefore = storage.Writes;
        List<Task<long>> subscribes = [];
        try
        {
            subscribes.Add(Feed.Subscribe("HERD00").AsTask());
            await storage.WriteHeld.WaitAsync(Wait);
            subscribes.AddRange(Enumerable.Range(1, herd).Select(i => Feed.Subscribe($"HERD{i:00}").AsTask()));
            // All in the grain at once, waiting on the write in flight: a herd of symbol grains activating is not
            // served one state write after another.
            await Eventually.UntilAsync(() => fixture.FeedCalls.Running(nameof(IMarketFeedGrain.Subscribe)) == herd + 1,
                $"{herd + 1} subscribes running in the feed grain at once", Wait);
        }
        finally
        {
            storage.ReleaseWrites();
        }
        await Task.WhenAll(subscribes).WaitAsync(Wait);

        // The held write, then one for the rest (and at most one more, the 5-s timer's).
        Assert.InRange(storage.Writes - writesBefore, 2, 3);
        var held = (await Feed.GetStatus()).Symbols;
        Assert.All(Enumerable.Range(0, herd + 1), i => Assert.Contains($"HERD{i:00}", held));
    }
}
