using System.Net.Http.Json;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>
/// The bar store outlives the process: a standalone gateway on Alpaca, stopped and started again on the same SQLite
/// file, serves the history it had loaded from the store, asking the upstream only for the minutes after it.
/// </summary>
public sealed class AlpacaStoreRestartTests
{
    private const string Minutes = "/api/symbols/AAPL/historical?timeframe=1Min&limit=50";

    [Fact]
    public async Task Gateway_started_again_serves_the_same_minutes_without_asking_the_upstream_for_them()
    {
        using var store = new TestSqliteFile();
        await using var alpaca = await AlpacaGateway.StartAsync(settings: new Dictionary<string, string?> { ["BarStore:Sqlite:Path"] = store.Path });
        var before = await ReadAsync(alpaca);
        Assert.Equal(50, before.Count);
        var olderBefore = await ReadOlderAsync(alpaca);
        Assert.True(olderBefore.Count > 10, $"{olderBefore.Count} older daily bars");
        // The upstream's trade count and VWAP, which the store must keep for the same answer after the restart.
        Assert.All(olderBefore, bar => Assert.Matches("\"n\":\\d+,\"vw\":", bar));
        Assert.Contains(alpaca.Upstream.BarQueries, q => q.Overlaps("AAPL", "1Min", before[0].Time, before[^1].Time));

        await alpaca.RestartGatewayAsync();
        var asked = alpaca.Upstream.BarQueries.Count;
        var after = await ReadAsync(alpaca);

        // The newest minute may have been forming; every one before it is the same, indicators included.
        var settled = before[..^1];
        var again = after.ToDictionary(bar => bar.Time, bar => bar.Json);
        Assert.All(settled.Where(bar => bar.Time >= after[0].Time), bar => Assert.Equal(bar.Json, again[bar.Time]));
        Assert.True(after[0].Time <= settled[5].Time, $"the history after the restart starts at {after[0].Time:O}");
        Assert.Equal(olderBefore, await ReadOlderAsync(alpaca));
        var since = alpaca.Upstream.BarQueries.Skip(asked).ToList();
        Assert.DoesNotContain(since, q => q.Overlaps("AAPL", "1Min", settled[0].Time, settled[^1].Time));
        Assert.DoesNotContain(since, q => q.Overlaps("AAPL", "1Day", OlderStart, OlderEnd));
    }

    [Fact]
    public async Task Gateway_started_again_reads_the_history_and_the_live_minutes_after_it_from_the_store_as_one_run()
    {
        using var store = new TestSqliteFile();
        await using var alpaca = await AlpacaGateway.StartAsync(settings: new Dictionary<string, string?> { ["BarStore:Sqlite:Path"] = store.Path });
        await StreamThreeMinutesThenRestartAsync(alpaca);
    }

    [Fact]
    public async Task Gateway_started_again_reads_an_illiquid_symbols_live_minutes_and_the_minutes_without_trades_between_them_from_the_store()
    {
        using var store = new TestSqliteFile();
        // Every other minute has no trade, so no bar: the minutes between two live bars must count as stored.
        await using var alpaca = await AlpacaGateway.StartAsync(
            settings: new Dictionary<string, string?> { ["BarStore:Sqlite:Path"] = store.Path },
            upstreamSetUp: upstream => upstream.Market.Tradeless = (_, minute, _) => minute.Minute % 2 == 0);
        await StreamThreeMinutesThenRestartAsync(alpaca);
    }

    [Fact]
    public async Task Gateway_started_again_serves_a_history_thinner_than_its_depth_from_the_store()
    {
        using var store = new TestSqliteFile();
        // Every other minute has no trade: the upstream's answer for the sessions that hold the depth has fewer
        // bars than asked for, which the source takes as enough rather than asking further back.
        await using var alpaca = await AlpacaGateway.StartAsync(
            settings: new Dictionary<string, string?> { ["BarStore:Sqlite:Path"] = store.Path, ["MarketData:History:Minute1"] = "1000" },
            upstreamSetUp: upstream => upstream.Market.Tradeless = (_, minute, _) => minute.Minute % 2 == 0);
        var before = await ReadAsync(alpaca);

        await alpaca.RestartGatewayAsync();
        var asked = alpaca.Upstream.BarQueries.Count;
        var after = await ReadAsync(alpaca);

        // The same minutes, the newest (maybe forming when first read) aside; none of them asked for again.
        Assert.Equal(before[..^1].Select(bar => bar.Json), after.Where(bar => bar.Time <= before[^2].Time).Select(bar => bar.Json));
        var since = alpaca.Upstream.BarQueries.Skip(asked).ToList();
        Assert.DoesNotContain(since, q => q.Overlaps("AAPL", "1Min", before[0].Time, before[^2].Time));
    }

    /// <summary>
    /// Three live minutes stream in after the history (which ends ten minutes before now), as while a gateway runs;
    /// the gateway restarts and serves them, with the history, without asking the upstream for any of that range.
    /// </summary>
    private static async Task StreamThreeMinutesThenRestartAsync(AlpacaGateway alpaca)
    {
        var before = await ReadAsync(alpaca);
        await alpaca.WaitUntilSubscribedAsync("AAPL");
        var minute = alpaca.LastHistoryMinute("AAPL");
        for (var i = 0; i < 3; i++)
        {
            minute = alpaca.NextMinute("AAPL", minute);
            alpaca.Upstream.Publish("AAPL", minute);
        }
        var live = minute;
        await Eventually.ValueAsync(() => ReadAsync(alpaca), bars => bars[^1].Time == live, bars => $"newest minute served: {bars?[^1].Time:O}");

        await alpaca.RestartGatewayAsync();
        var asked = alpaca.Upstream.BarQueries.Count;
        var after = await ReadAsync(alpaca);

        Assert.Equal(live, after[^1].Time);
        var since = alpaca.Upstream.BarQueries.Skip(asked).ToList();
        Assert.DoesNotContain(since, q => q.Overlaps("AAPL", "1Min", before[0].Time, live));
    }

    /// <summary>Older than the gateway's 20 daily bars: read through the archive, a page at a time.</summary>
    private static readonly DateTimeOffset OlderStart = MarketTime.RegularHours.AddMonths(-6);
    private static readonly DateTimeOffset OlderEnd = MarketTime.RegularHours.AddMonths(-4);

    private static async Task<List<string>> ReadOlderAsync(AlpacaGateway alpaca)
    {
        using var http = alpaca.Gateway.CreateHttpClient();
        var body = await http.GetFromJsonAsync<JsonElement>(
            $"/v2/stocks/AAPL/bars?timeframe=1Day&start={OlderStart:yyyy-MM-dd}&end={OlderEnd:yyyy-MM-dd}&limit=1000");
        return body.GetProperty("bars").EnumerateArray().Select(bar => bar.GetRawText()).ToList();
    }

    private static async Task<List<(DateTimeOffset Time, string Json)>> ReadAsync(AlpacaGateway alpaca)
    {
        using var http = alpaca.Gateway.CreateHttpClient();
        var body = await http.GetFromJsonAsync<JsonElement>(Minutes);
        return body.GetProperty("data").EnumerateArray()
            .Select(bar => (DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!), bar.GetRawText()))
            .ToList();
    }
}
