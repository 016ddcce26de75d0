using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>
/// History requests against the fake upstream while the request budget holds them back, as after a restart when every
/// symbol asks for the minutes after its stored bars, one after another: they share requests, and each caller gets
/// exactly its own symbol's bars of its own range.
/// </summary>
public sealed class HistoryBatcherTests : IAsyncLifetime
{
    private readonly PinnedClock _clock = new(MarketTime.RegularHours);
    private readonly HeldBudget _budget = new();
    private FakeAlpacaServer _upstream = null!;
    private HttpClient _http = null!;
    private HistoryBatcher _batcher = null!;
    private DateTimeOffset _now;

    public async Task InitializeAsync()
    {
        _upstream = await FakeAlpacaServer.StartAsync(_clock);
        _now = FakeMarket.Minute(_clock.GetUtcNow());
        _upstream.Market.DefaultCursor = _now;
        var options = Options.Create(new AlpacaOptions
        {
            KeyId = FakeAlpacaServer.KeyId,
            SecretKey = FakeAlpacaServer.Secret,
            DataUrl = _upstream.BaseUrl.ToString(),
            TradingUrl = _upstream.BaseUrl.ToString(),
            StreamUrl = _upstream.StreamUrl,
        });
        _http = new HttpClient();
        var rest = new AlpacaRestClient(_http, options, _budget, _clock, NullLogger<AlpacaRestClient>.Instance);
        _batcher = new HistoryBatcher(rest, _budget, _clock);
    }

    public async Task DisposeAsync()
    {
        _budget.Release();
        _http.Dispose();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Tails_asked_for_one_after_another_while_the_budget_is_spent_share_one_request()
    {
        // Twelve symbols, each asking for the minutes after its own stored run up to a minute of its own, 80 ms
        // apart: longer than a batch's first gathering, so only the held turn keeps the batch open for them.
        var asks = new List<(string Symbol, DateTimeOffset From, DateTimeOffset To, Task<List<Bar>> Bars)>();
        for (var i = 0; i < 12; i++)
        {
            var symbol = $"SYM{i:00}";
            var (from, to) = (_now.AddMinutes(-12 + i % 4), _now.AddMinutes(-2 + i % 3));
            asks.Add((symbol, from, to, _batcher.GetBarsAsync(symbol, Timeframe.Minute1, from, to, CancellationToken.None)));
            await Task.Delay(80);
        }
        Assert.Empty(_upstream.BarQueries);

        _budget.Release();
        foreach (var ask in asks)
        {
            var expected = _upstream.Market.Bars(ask.Symbol, "1Min", ask.From, ask.To.AddSeconds(-1))!.Select(bar => bar.Time);
            Assert.Equal(expected, (await ask.Bars).Select(bar => bar.Time));
            Assert.NotEmpty(await ask.Bars);
        }
        var query = Assert.Single(_upstream.BarQueries);
        Assert.Equal(asks.Select(ask => ask.Symbol).Order(), query.Symbols.Order());
    }

    [Fact]
    public async Task A_few_minutes_do_not_join_a_whole_history()
    {
        var history = _batcher.GetBarsAsync("AAPL", Timeframe.Minute1, _now.AddDays(-10), _now, CancellationToken.None);
        var tail = _batcher.GetBarsAsync("MSFT", Timeframe.Minute1, _now.AddMinutes(-3), _now, CancellationToken.None);
        await Task.Delay(100);
        _budget.Release();

        Assert.Equal(3, (await tail).Count);
        Assert.True((await history).Count > 1_000);
        Assert.Equal(2, _upstream.BarQueries.Count);
        Assert.Single(_upstream.BarQueries, query => query.Symbols.SequenceEqual(["MSFT"]) && query.Start == _now.AddMinutes(-3));
    }

    /// <summary>A budget whose turns wait until <see cref="Release"/>, as one spent by other requests does.</summary>
    private sealed class HeldBudget : IRequestBudget
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        public Task WaitTurnAsync(CancellationToken cancellationToken, bool priority = false) => _released.Task.WaitAsync(cancellationToken);

        public Task PauseUntilAsync(DateTimeOffset until) => Task.CompletedTask;
    }
}
