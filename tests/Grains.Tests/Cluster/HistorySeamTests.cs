using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// The seam between a symbol grain's loaded history and its first live minute: when the upstream subscription takes
/// effect after the history was read, the minutes between come neither way, and the grain reads them from the source
/// before it applies the live one.
/// </summary>
public sealed class HistorySeamTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Minutes_between_the_loaded_history_and_the_first_live_minute_are_read_from_the_source_first()
    {
        var collector = await CandleCollector.SubscribeAsync(fixture.Client, "NVDA");
        var loaded = await fixture.Client.GetGrain<ISymbolGrain>("NVDA").GetHistory(Timeframe.Minute1, 5);
        Assert.Equal(SymbolState.Ready, loaded.State);
        var newest = loaded.Candles[^1].Bar;
        // The first live minute is the fourth after the history's newest: the three between reached neither.
        fixture.Source.Now = newest.Time.AddMinutes(5);
        try
        {
            var live = new Bar(newest.Time.AddMinutes(4), newest.Close, newest.Close + 0.2, newest.Close - 0.3, newest.Close + 0.1, 12_345);
            fixture.Source.Send("NVDA", live);

            var batches = await collector.WaitForAsync(4, Wait);
            var between = await fixture.Source.GetBarsBetweenAsync("NVDA", Timeframe.Minute1, newest.Time.AddMinutes(1), live.Time, CancellationToken.None);
            Assert.Equal(3, between.Count);
            Assert.Equal([.. between, live], batches.Select(batch => batch.Updates[0].Candle.Bar));
        }
        finally
        {
            fixture.Source.Now = ClusterFixture.AsOf;
        }
    }
}
