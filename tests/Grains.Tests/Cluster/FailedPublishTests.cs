using OrleansMarketData.Model;
using OrleansMarketData.Streams;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// Publishes that fail (a stream queue grain that does not answer, as on a silo that just died) must not lose bars:
/// neither the feed's publish of an upstream bar, which the upstream will not send again, nor the symbol grain's
/// publish of its candles, whose bar is already in its history when the stream delivers it again.
/// </summary>
public sealed class FailedPublishTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static Bar LiveBar(int minute, double close) =>
        new(ClusterFixture.AsOf.AddMinutes(minute), close - 0.1, close + 0.2, close - 0.3, close, 10_000 + minute);

    [Fact]
    public async Task Candles_whose_publish_failed_are_published_when_the_bar_is_delivered_again_and_before_the_next_bar()
    {
        var collector = await CandleCollector.SubscribeAsync(fixture.Client, "KO");
        var history = await fixture.Client.GetGrain<ISymbolGrain>("KO").GetHistory(Timeframe.Minute1, 1);
        Assert.Equal(SymbolState.Ready, history.State);
        fixture.FailingPublishes.FailNext(StreamNames.CandleStream("KO"), 2);

        var first = LiveBar(0, history.Candles[^1].Bar.Close + 0.5);
        var second = LiveBar(1, first.Close + 0.5);
        fixture.Source.Send("KO", first);
        fixture.Source.Send("KO", second);

        var batches = await collector.WaitForAsync(2, Wait);
        Assert.Equal(2, fixture.FailingPublishes.Refused);
        Assert.Equal([first, second], batches.Select(b => b.Updates[0].Candle.Bar));
        Assert.Equal(Timeframes.All, batches[0].Updates.Select(u => u.Timeframe));
        Assert.True(history.Version < batches[0].Version && batches[0].Version < batches[1].Version);
        var latest = await fixture.Client.GetGrain<ISymbolGrain>("KO").KeepAlive();
        Assert.Equal(batches[1].Version, latest);
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
