using OrleansMarketData.Model;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// What a failed read tells the client: which symbol and feed, never the failure's own words, which for an Orleans
/// timeout name silo addresses and grain interfaces.
/// </summary>
public sealed class ClientErrorTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string Internals =
        "Response did not arrive on time in 00:00:30 for message: Request [S127.0.0.1:11111:98765 sys.svc.user/x]->" +
        "[S127.0.0.1:11112:98766 requestbudget/alpaca] OrleansMarketData.Grains.IRequestBudgetGrain.WaitTurn()";

    [Fact]
    public async Task A_failed_history_load_is_reported_without_the_exceptions_message()
    {
        fixture.Source.FailingHistory["INTC"] = new TimeoutException(Internals);
        var history = await Eventually.ValueAsync(
            () => fixture.Client.GetGrain<ISymbolGrain>("INTC").GetHistory(Timeframe.Minute1, 10).AsTask(),
            h => h.State == SymbolState.Unavailable, h => $"the load failed (state {h?.State})");
        Assert.Contains("INTC", history.Error);
        AssertNoInternals(history.Error);
    }

    [Fact]
    public async Task A_failed_archive_read_is_reported_without_the_exceptions_message()
    {
        fixture.Source.FailingHistory["BAC"] = new InvalidOperationException(Internals);
        var end = ClusterFixture.AsOf.AddDays(-30);
        var page = await fixture.Client.GetGrain<IBarArchiveGrain>(0)
            .GetBars("BAC", Timeframe.Minute1, new BarRangeQuery(end.AddHours(-2), end, 10, Descending: false));
        Assert.Equal(SymbolState.Unavailable, page.State);
        Assert.Contains("BAC", page.Error);
        AssertNoInternals(page.Error);
    }

    private static void AssertNoInternals(string? error)
    {
        Assert.NotNull(error);
        foreach (var internals in new[] { "127.0.0.1", "S127", "IRequestBudgetGrain", "OrleansMarketData", "Exception", "Response did not arrive" })
            Assert.DoesNotContain(internals, error);
    }
}
