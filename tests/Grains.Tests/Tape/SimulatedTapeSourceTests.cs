using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;
using OrleansMarketData.Tape;
using Xunit;

namespace OrleansMarketData.Tests.Tape;

/// <summary>
/// The simulator's trades and quotes as served: as of its clock's now, the minute in progress included, and paged as
/// Alpaca pages. The expected values come from the minutes' tapes themselves (<see cref="SimulatedMarket.Tape"/>).
/// </summary>
public sealed class SimulatedTapeSourceTests
{
    private static readonly NyseCalendar Calendar = new();
    private static readonly SimulatedMarket Market = new(Calendar);

    /// <summary>A Wednesday, 10:15:30.5 in New York: regular hours, half a minute into the 10:15 minute.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 10, 15, 30, 500, TimeSpan.FromHours(-5));

    private static SimulatedTapeSource Source(DateTimeOffset now)
    {
        // The clock stands still: its time provider does not move.
        var options = Options.Create(new SimulatorOptions { StartTime = now });
        return new SimulatedTapeSource(Market, new SimulatedClock(new FakeTimeProvider(now), options, Calendar), Calendar, options);
    }

    [Fact]
    public async Task Latest_is_the_newest_at_or_before_now_and_the_minute_in_progress_counts()
    {
        var minute = new DateTimeOffset(2026, 11, 18, 15, 15, 0, TimeSpan.Zero);
        var tape = Market.Tape(SymbolUniverse.Find("AAPL")!, minute)!;
        var trades = tape.Trades.Where(t => t.Time <= Now).ToList();
        var quotes = tape.Quotes.Where(q => q.Time <= Now).ToList();
        Assert.NotEmpty(trades);
        Assert.Contains(tape.Trades, t => t.Time > Now);

        var latest = await Source(Now).LatestAsync(["AAPL", "ZZZZ"], trades: true, quotes: true, CancellationToken.None);

        Assert.Equal(TapeState.Ready, latest.State);
        Assert.Equal(["AAPL"], latest.Trades.Keys);
        Assert.Equal(trades[^1], latest.Trades["AAPL"]);
        Assert.Equal(quotes[^1], latest.Quotes["AAPL"]);
    }

    [Fact]
    public async Task A_history_ends_at_now_even_when_asked_for_later()
    {
        var source = Source(Now);
        var page = await source.ReadAsync(
            new TapeQuery(TapeKind.Trades, ["AAPL"], Now.AddMinutes(-2), Now.AddHours(1), 10_000, false, null), CancellationToken.None);
        var profile = SymbolUniverse.Find("AAPL")!;
        var expected = Enumerable.Range(-3, 4)
            .SelectMany(m => Market.Tape(profile, new DateTimeOffset(2026, 11, 18, 15, 15, 0, TimeSpan.Zero).AddMinutes(m))!.Trades)
            .Where(t => t.Time >= Now.AddMinutes(-2) && t.Time <= Now)
            .ToList();

        Assert.Null(page.NextPageToken);
        Assert.Equal(expected, Assert.Single(page.Series).Trades);
    }

    [Fact]
    public async Task Pages_in_either_order_give_every_item_once_over_all_symbols()
    {
        var source = Source(Now);
        var (from, to) = (Now.AddMinutes(-4), Now.AddMinutes(-1));
        foreach (var descending in new[] { false, true })
        {
            var whole = await source.ReadAsync(new TapeQuery(TapeKind.Quotes, ["AAPL", "MSFT"], from, to, 10_000, descending, null), CancellationToken.None);
            var paged = new List<(string, Quote)>();
            string? token = null;
            var pages = 0;
            do
            {
                var page = await source.ReadAsync(new TapeQuery(TapeKind.Quotes, ["AAPL", "MSFT"], from, to, 9, descending, token), CancellationToken.None);
                Assert.True(page.Series.Sum(s => s.Quotes.Count) <= 9);
                paged.AddRange(page.Series.SelectMany(s => s.Quotes.Select(q => (s.Symbol, q))));
                token = page.NextPageToken;
                Assert.True(++pages < 100, "paging did not end");
            } while (token is not null);

            Assert.Equal(whole.Series.SelectMany(s => s.Quotes.Select(q => (s.Symbol, q))), paged);
            Assert.Equal(["AAPL", "MSFT"], whole.Series.Select(s => s.Symbol));
            foreach (var series in whole.Series)
            {
                var times = series.Quotes.Select(q => q.Time).ToList();
                Assert.Equal(descending ? times.OrderDescending() : times.Order(), times);
            }
        }
    }

    [Fact]
    public async Task A_page_token_of_other_symbols_is_refused()
    {
        var page = await Source(Now).ReadAsync(
            new TapeQuery(TapeKind.Trades, ["AAPL"], null, null, 10, false, new TapeToken("MSFT", Now).Encode()), CancellationToken.None);
        Assert.Equal(TapeState.Refused, page.State);
        Assert.Equal(400, page.Status);
    }
}
