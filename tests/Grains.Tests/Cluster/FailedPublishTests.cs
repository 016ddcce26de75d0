using OrleansMarketData.Model;
using OrleansMarketData.Streams;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// Deliveries that fail must not lose bars. A feed publish that fails (a stream queue grain that does not answer,
/// as on a silo that just died) is retried: the upstream will not send the bar again. A delivery of candles to a
/// gateway that fails is not retried, but the next batch shows the gap, so the gateway catches up from the history.
/// </summary>
public sealed class FailedPublishTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static Bar LiveBar(int minute, double close) =>
        new(ClusterFixture.AsOf.AddMinutes(minute), close - 0.1, close + 0.2, close - 0.3, close, 10_000 + minute);

    [Fact]
    public async Task Gateway_whose_delivery_failed_gets_the_next_batch_which_names_the_one_it_missed()
    {
        var failing = await CandleCollector.SubscribeAsync(fixture.Client, "KO");
        var healthy = await CandleCollector.SubscribeAsync(fixture.Client, "KO");
        var history = await fixture.Client.GetGrain<ISymbolGrain>("KO").GetHistory(Timeframe.Minute1, 1);
        Assert.Equal(SymbolState.Ready, history.State);
        failing.FailNext(1);

        var first = LiveBar(0, history.Candles[^1].Bar.Close + 0.5);
        fixture.Source.Send("KO", first);
        Assert.Single(await healthy.WaitForAsync(1, Wait));
        await Eventually.UntilAsync(() => failing.Refused > 0, "the failing observer refused a delivery");
        Assert.Equal(1, failing.Refused);
        var second = LiveBar(1, first.Close + 0.5);
        fixture.Source.Send("KO", second);

        var all = await healthy.WaitForAsync(2, Wait);
        Assert.Equal([first, second], all.Select(b => b.Updates[0].Candle.Bar));
        Assert.Equal(history.Version, all[0].Previous);
        Assert.Equal(all[0].Version, all[1].Previous);
        // The failed call lost the first batch for this gateway only, and did not stop the ones after it.
        var received = Assert.Single(await failing.WaitForAsync(1, Wait));
        Assert.Equal(all[1].Version, received.Version);
        Assert.DoesNotContain(failing.Batches, b => b.Version == received.Previous);
    }

    [Fact]
    public async Task Upstream_bars_whose_publish_failed_reach_the_symbol_grain_later_and_in_order()
    {
        var collector = await CandleCollector.SubscribeAsync(fixture.Client, "BRK.B");
        var history = await fixture.Client.GetGrain<ISymbolGrain>("BRK.B").GetHistory(Timeframe.Minute1, 1);
        Assert.Equal(SymbolState.Ready, history.State);
        var refusedBefore = fixture.FailingPublishes.Refused;
        fixture.FailingPublishes.FailNext(StreamNames.BarStream("BRK.B"), 2);

        var first = LiveBar(0, history.Candles[^1].Bar.Close + 0.5);
        var second = LiveBar(1, first.Close + 0.5);
        var third = LiveBar(2, second.Close + 0.5);
        fixture.Source.Send("BRK.B", first);
        fixture.Source.Send("BRK.B", second);
        fixture.Source.Send("BRK.B", third);

        var batches = await collector.WaitForAsync(3, Wait);
        Assert.Equal(refusedBefore + 2, fixture.FailingPublishes.Refused);
        Assert.Equal([first, second, third], batches.Select(b => b.Updates[0].Candle.Bar));
    }
}
