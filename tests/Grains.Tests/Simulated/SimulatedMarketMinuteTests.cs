using OrleansMarketData.Calendar;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;
using OrleansMarketData.Tests.Aggregation;

namespace OrleansMarketData.Tests.Simulated;

/// <summary>
/// The simulator's minute bars (docs/architecture.md): deterministic per (symbol, minute), only in session hours, every
/// regular-hours minute traded, some extended-hours minutes without trades, sane OHLCV in cents.
/// </summary>
public sealed class SimulatedMarketMinuteTests
{
    private static readonly SimulatedMarket Market = new(new NyseCalendar());
    private static readonly SymbolProfile Aapl = SymbolUniverse.Find("AAPL")!;

    /// <summary>The bar of each minute of a New York day (00:00–23:59), null where there is none.</summary>
    private static List<(int MinuteOfDay, Bar? Bar)> Day(SimulatedMarket market, SymbolProfile profile, DateOnly date) =>
        Enumerable.Range(0, 24 * 60).Select(m => (m, market.MinuteBar(profile, MinuteData.NewYorkToUtc(date, m)))).ToList();

    [Fact]
    public void Universe_holds_the_usual_tickers_and_nothing_else()
    {
        foreach (var symbol in new[] { "AAPL", "MSFT", "GOOGL", "AMZN", "TSLA", "SPY" })
            Assert.Equal(symbol, SymbolUniverse.Find(symbol)?.Symbol);
        Assert.Null(SymbolUniverse.Find("ZZZZ"));
        Assert.Equal(SymbolUniverse.All.Count, SymbolUniverse.All.Select(p => p.Symbol).Distinct().Count());
        Assert.Equal(SymbolUniverse.All.Count, SymbolUniverse.All.Select(p => p.Seed).Distinct().Count());
    }

    [Fact]
    public void Two_instances_give_identical_bars()
    {
        var other = new SimulatedMarket(new NyseCalendar());
        foreach (var symbol in new[] { "AAPL", "SPY", "BRK.B" })
        {
            var profile = SymbolUniverse.Find(symbol)!;
            var copy = new SymbolProfile(profile.Symbol, profile.BasePrice, profile.DailyVolume);
            Assert.Equal(Day(Market, profile, new DateOnly(2025, 6, 10)), Day(other, copy, new DateOnly(2025, 6, 10)));
        }
    }

    [Fact]
    public void Symbols_differ()
    {
        var time = MinuteData.NewYorkToUtc(new DateOnly(2025, 6, 10), 10 * 60);
        var closes = SymbolUniverse.All.Select(p => Market.MinuteBar(p, time)!.Close).ToList();
        Assert.Equal(closes.Count, closes.Distinct().Count());
    }

    [Theory]
    [InlineData("2025-06-10", 16 * 60)]
    [InlineData("2025-01-14", 16 * 60)]
    [InlineData("2025-11-28", 13 * 60)] // early close
    public void Bars_only_in_session_hours_and_every_regular_minute(string date, int close)
    {
        var day = Day(Market, Aapl, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        var sessionClose = close + 4 * 60;

        Assert.All(day.Where(d => d.Bar is not null), d => Assert.InRange(d.MinuteOfDay, 4 * 60, sessionClose - 1));
        Assert.All(day.Where(d => d.MinuteOfDay is >= 9 * 60 + 30 && d.MinuteOfDay < close), d => Assert.NotNull(d.Bar));
        var preMarket = day.Where(d => d.MinuteOfDay is >= 4 * 60 and < 9 * 60 + 30).ToList();
        var afterHours = day.Where(d => d.MinuteOfDay >= close && d.MinuteOfDay < sessionClose).ToList();
        Assert.Contains(preMarket, d => d.Bar is null);
        Assert.Contains(preMarket, d => d.Bar is not null);
        Assert.Contains(afterHours, d => d.Bar is null);
        Assert.Contains(afterHours, d => d.Bar is not null);
    }

    [Theory]
    [InlineData("2025-06-14")] // Saturday
    [InlineData("2025-06-15")] // Sunday
    [InlineData("2025-07-04")] // Independence Day
    [InlineData("2025-12-25")]
    [InlineData("2025-01-09")] // special closing
    public void No_bars_on_weekends_and_holidays(string date)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(SymbolUniverse.All.Take(3), p => Assert.All(Day(Market, p, day), d => Assert.Null(d.Bar)));
    }

    [Fact]
    public void Bars_are_consistent_and_priced_in_cents()
    {
        foreach (var profile in SymbolUniverse.All)
        {
            foreach (var (minute, bar) in Day(Market, profile, new DateOnly(2025, 3, 10)))
            {
                if (bar is null) continue;
                Assert.Equal(MinuteData.NewYorkToUtc(new DateOnly(2025, 3, 10), minute), bar.Time);
                Assert.True(bar.Low <= Math.Min(bar.Open, bar.Close) && Math.Max(bar.Open, bar.Close) <= bar.High, $"{profile.Symbol} {bar}");
                Assert.True(bar.Low > 0, $"{profile.Symbol} {bar}");
                Assert.True(bar.Volume > 0, $"{profile.Symbol} {bar}");
                foreach (var price in new[] { bar.Open, bar.High, bar.Low, bar.Close })
                    Assert.True(Math.Abs(price * 100 - Math.Round(price * 100)) < 1e-6, $"{profile.Symbol} price {price} has more than 2 decimals");
                // Within a factor of 4 of the profile's typical price.
                Assert.InRange(bar.Close, profile.BasePrice / 4, profile.BasePrice * 4);
            }
        }
    }
}
