using OrleansMarketData.Aggregation;
using OrleansMarketData.Model;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// A symbol grain loads a timeframe when first asked for, with the 1-minute history that keeps it current
/// (docs/architecture.md): the first chart of one timeframe does not pay for the other four, a timeframe asked for
/// later is as current as the others, and live minutes that come while it loads are applied to it once.
/// </summary>
public sealed class LazyTimeframeTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static Bar LiveBar(int minute, double close) =>
        new(ClusterFixture.AsOf.AddMinutes(minute), close - 0.1, close + 0.2, close - 0.3, close, 30_000 + minute);

    private ISymbolGrain Grain(string symbol) => fixture.Client.GetGrain<ISymbolGrain>(symbol);

    [Fact]
    public async Task First_chart_of_5Min_loads_5Min_and_the_minutes_that_keep_it_current_and_nothing_else()
    {
        var history = await Grain("AAPL").GetHistory(Timeframe.Minute5, 100);

        Assert.Equal(SymbolState.Ready, history.State);
        Assert.Equal(100, history.Candles.Count);
        Assert.Equal([Timeframe.Minute1, Timeframe.Minute5], fixture.Source.AskedFor("AAPL").Order());
    }

    [Fact]
    public async Task Timeframe_asked_for_later_loads_then_with_the_minutes_applied_before_and_follows_live_minutes()
    {
        var collector = await CandleCollector.SubscribeAsync(fixture.Client, "QQQ");
        var fiveMinutes = await Grain("QQQ").GetHistory(Timeframe.Minute5, 10);
        Assert.Equal(SymbolState.Ready, fiveMinutes.State);
        var first = LiveBar(0, fiveMinutes.Candles[^1].Bar.Close + 0.5);
        fixture.Source.Send("QQQ", first);
        var before = Assert.Single(await collector.WaitForAsync(1, Wait));
        Assert.Equal([Timeframe.Minute1, Timeframe.Minute5], before.Updates.Select(u => u.Timeframe));
        Assert.DoesNotContain(Timeframe.Day1, fixture.Source.AskedFor("QQQ"));

        var daily = await Grain("QQQ").GetHistory(Timeframe.Day1, 10);
        Assert.Equal(SymbolState.Ready, daily.State);
        Assert.Contains(Timeframe.Day1, fixture.Source.AskedFor("QQQ"));
        // The minute applied before the load is in today's bar, though the source's answer did not have it.
        AssertDayOfMinutes(await MinutesOfDayAsync("QQQ", first), daily.Candles[^1].Bar);
        // Loading a timeframe moved neither the version nor the epoch: a gateway holding 5Min is not disturbed.
        Assert.Equal(before.Version, daily.Version);
        Assert.Equal(before.Epoch, daily.Epoch);

        var second = LiveBar(1, first.Close + 0.5);
        fixture.Source.Send("QQQ", second);
        var after = (await collector.WaitForAsync(2, Wait))[1];
        Assert.Equal([Timeframe.Minute1, Timeframe.Minute5, Timeframe.Day1], after.Updates.Select(u => u.Timeframe));
        Assert.Equal(before.Version, after.Previous);
        Assert.Equal(before.Epoch, after.Epoch);
        AssertDayOfMinutes(await MinutesOfDayAsync("QQQ", second), after.Updates[^1].Candle.Bar);
    }

    [Fact]
    public async Task Live_minutes_that_come_while_a_timeframe_loads_are_neither_lost_nor_doubled()
    {
        var collector = await CandleCollector.SubscribeAsync(fixture.Client, "META");
        var fiveMinutes = await Grain("META").GetHistory(Timeframe.Minute5, 10);
        Assert.Equal(SymbolState.Ready, fiveMinutes.State);
        Assert.DoesNotContain(Timeframe.Day1, fixture.Source.AskedFor("META"));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Source.HeldTimeframes[("META", Timeframe.Day1)] = gate;
        var loading = Grain("META").GetHistory(Timeframe.Day1, 10).AsTask();
        await Eventually.UntilAsync(() => fixture.Source.AskedFor("META").Contains(Timeframe.Day1), "META's 1Day history asked for");

        var first = LiveBar(0, fiveMinutes.Candles[^1].Bar.Close + 0.5);
        var revised = first with { Close = first.Close + 0.3, High = first.High + 0.3, Volume = first.Volume + 500 };
        var second = LiveBar(1, revised.Close + 0.5);
        foreach (var bar in new[] { first, first, revised, second }) fixture.Source.Send("META", bar);
        // The loaded timeframes are served meanwhile; the one loading is not in the batches yet.
        var meanwhile = await collector.WaitForAsync(3, Wait);
        Assert.Equal([first, revised, second], meanwhile.Select(b => b.Updates[0].Candle.Bar));
        Assert.All(meanwhile, b => Assert.DoesNotContain(b.Updates, u => u.Timeframe == Timeframe.Day1));

        gate.SetResult();
        var daily = await loading;
        Assert.Equal(SymbolState.Ready, daily.State);
        var day = daily.Candles[^1].Bar;
        AssertDayOfMinutes(await MinutesOfDayAsync("META", second), day);
        Assert.Equal(second.Close, day.Close);

        var third = LiveBar(2, second.Close + 0.5);
        fixture.Source.Send("META", third);
        var next = (await collector.WaitForAsync(4, Wait))[3];
        var live = next.Updates.Single(u => u.Timeframe == Timeframe.Day1).Candle.Bar;
        Assert.Equal(day.Volume + third.Volume, live.Volume);
        Assert.Equal(third.Close, live.Close);
    }

    [Fact]
    public async Task Timeframe_whose_load_fails_leaves_the_others_served_and_loads_again_later()
    {
        fixture.Source.FailingTimeframes[("JPM", Timeframe.Hour1)] = new TimeoutException("the upstream did not answer");

        var hourly = await Grain("JPM").GetHistory(Timeframe.Hour1, 10);
        Assert.Equal(SymbolState.Unavailable, hourly.State);
        Assert.Contains("1Hour", hourly.Error);
        Assert.Equal(SymbolState.Ready, (await Grain("JPM").GetHistory(Timeframe.Minute15, 10)).State);
        Assert.Equal(SymbolState.Ready, (await Grain("JPM").GetLatest()).State);

        fixture.Source.FailingTimeframes.TryRemove(("JPM", Timeframe.Hour1), out _);
        var again = await Eventually.ValueAsync(() => Grain("JPM").GetHistory(Timeframe.Hour1, 10).AsTask(),
            h => h.State == SymbolState.Ready, h => $"JPM's 1Hour history loaded again (state {h?.State}: {h?.Error})");
        Assert.Equal(10, again.Candles.Count);
    }

    [Fact]
    public async Task Symbol_without_any_bar_is_unknown_after_loading_only_the_timeframe_asked_for()
    {
        fixture.Source.EmptyHistory["EMPTY"] = true;

        var history = await Grain("EMPTY").GetHistory(Timeframe.Hour1, 10);

        Assert.Equal(SymbolState.UnknownSymbol, history.State);
        Assert.Equal([Timeframe.Minute1, Timeframe.Hour1], fixture.Source.AskedFor("EMPTY").Order());
        Assert.Equal(SymbolState.UnknownSymbol, (await Grain("EMPTY").GetLatest()).State);
    }

    /// <summary>The grain's cached minutes of the day of <paramref name="minute"/>, up to it.</summary>
    private async Task<List<Bar>> MinutesOfDayAsync(string symbol, Bar minute)
    {
        var dayStart = BarAggregator.BucketStart(minute.Time, Timeframe.Day1);
        var minutes = await Grain(symbol).GetHistory(Timeframe.Minute1, 2_000);
        Assert.Equal(minute, minutes.Candles[^1].Bar);
        return minutes.Candles.Select(c => c.Bar).Where(bar => bar.Time >= dayStart).ToList();
    }

    private static void AssertDayOfMinutes(List<Bar> minutes, Bar day)
    {
        Assert.Equal(BarAggregator.BucketStart(minutes[0].Time, Timeframe.Day1), day.Time);
        Assert.Equal(minutes[0].Open, day.Open);
        Assert.Equal(minutes.Max(m => m.High), day.High);
        Assert.Equal(minutes.Min(m => m.Low), day.Low);
        Assert.Equal(minutes[^1].Close, day.Close);
        Assert.Equal(minutes.Sum(m => m.Volume), day.Volume);
    }
}
