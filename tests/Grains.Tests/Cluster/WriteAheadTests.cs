using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Model;
using OrleansMarketData.Storage;
using OrleansMarketData.Streams;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// Write-ahead (docs/bar-store.md): the feed numbers each live bar and stores it before it publishes it, so a bar lost
/// on its way to the symbol grain after its publish succeeded is read back from the store, in order.
/// </summary>
public sealed class WriteAheadTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static Bar LiveBar(int minute, double close) =>
        new(ClusterFixture.AsOf.AddMinutes(minute), close - 0.1, close + 0.2, close - 0.3, close, 20_000 + minute);

    private IBarStore Store => fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress).GetRequiredService<IBarStore>();

    [Fact]
    public async Task Live_bars_are_stored_with_consecutive_numbers_before_the_symbol_grain_applies_them()
    {
        var collector = await CandleCollector.SubscribeAsync(fixture.Client, "MSFT");
        var history = await fixture.Client.GetGrain<ISymbolGrain>("MSFT").GetHistory(Timeframe.Minute1, 1);
        Assert.Equal(SymbolState.Ready, history.State);

        var first = LiveBar(0, history.Candles[^1].Bar.Close + 0.5);
        var second = LiveBar(1, first.Close + 0.5);
        fixture.Source.Send("MSFT", first);
        fixture.Source.Send("MSFT", second);
        await collector.WaitForAsync(2, Wait);

        var stored = await Store.ReadRangeAsync("MSFT", Timeframe.Minute1, first.Time, second.Time, 10, descending: false, CancellationToken.None);
        Assert.Equal([first, second], stored.Select(row => row.Bar));
        Assert.NotNull(stored[0].Sequence);
        Assert.Equal(stored[0].Sequence + 1, stored[1].Sequence);
    }

    [Fact]
    public async Task A_bar_lost_after_its_publish_succeeded_is_read_back_from_the_store_before_the_next()
    {
        var collector = await CandleCollector.SubscribeAsync(fixture.Client, "NVDA");
        var history = await fixture.Client.GetGrain<ISymbolGrain>("NVDA").GetHistory(Timeframe.Minute1, 1);
        Assert.Equal(SymbolState.Ready, history.State);
        fixture.FailingPublishes.LoseNext(StreamNames.BarStream("NVDA"), 1);

        var first = LiveBar(0, history.Candles[^1].Bar.Close + 0.5);
        var second = LiveBar(1, first.Close + 0.5);
        var third = LiveBar(2, second.Close + 0.5);
        fixture.Source.Send("NVDA", first);
        fixture.Source.Send("NVDA", second);
        fixture.Source.Send("NVDA", third);

        var batches = await collector.WaitForAsync(3, Wait);
        Assert.Equal(1, fixture.FailingPublishes.Lost);
        Assert.Equal([first, second, third], batches.Select(b => b.Updates[0].Candle.Bar));
        var minutes = await fixture.Client.GetGrain<ISymbolGrain>("NVDA").GetHistory(Timeframe.Minute1, 3);
        Assert.Equal([first, second, third], minutes.Candles.Select(c => c.Bar));
    }
}
