using OrleansMarketData.Model;
using OrleansMarketData.Streams;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// A symbol grain applies a bar to its history before publishing it, so a publish that fails must not be lost
/// when the stream delivers the bar again.
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
}
