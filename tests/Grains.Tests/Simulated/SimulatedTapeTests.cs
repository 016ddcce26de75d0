using OrleansMarketData.Calendar;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;
using OrleansMarketData.Tests.Aggregation;

namespace OrleansMarketData.Tests.Simulated;

/// <summary>
/// The simulator's trades and quotes (docs/alpaca-compatibility.md): each minute's trades make exactly that minute's
/// bar, the quote in force at each trade brackets it, all of it deterministic; the bars' trade count and VWAP are those
/// of the trades. Expected values are worked out here from the trades, not taken from the simulator.
/// </summary>
public sealed class SimulatedTapeTests
{
    private static readonly NyseCalendar Calendar = new();
    private static readonly SimulatedMarket Market = new(Calendar);

    /// <summary>A regular Wednesday and the early close after Thanksgiving, 2026.</summary>
    private static readonly DateOnly[] Days = [new(2026, 11, 18), new(2026, 11, 27)];

    private static IEnumerable<SymbolProfile> Symbols() =>
        SymbolUniverse.All.Concat(Enumerable.Range(1, 10).Select(i => SyntheticSymbols.Find(SyntheticSymbols.Name(i), 10)!));

    /// <summary>Every traded minute of the days: the symbol, the minute's start, its bar and whether it is in regular hours.</summary>
    private static IEnumerable<(SymbolProfile Profile, DateTimeOffset Start, Bar Bar, bool Regular)> Minutes(int step)
    {
        foreach (var day in Days)
        {
            var session = Calendar.SessionOn(day)!;
            foreach (var profile in Symbols())
            for (var m = 0; m < 24 * 60; m += step)
            {
                var start = MinuteData.NewYorkToUtc(day, m);
                if (Market.MinuteBar(profile, start) is { } bar) yield return (profile, start, bar, start >= session.OpenTime && start < session.CloseTime);
            }
        }
    }

    [Fact]
    public void Each_minutes_trades_aggregate_exactly_to_its_bar()
    {
        var checkedMinutes = 0;
        foreach (var (profile, start, bar, regular) in Minutes(step: 3))
        {
            var trades = Market.Tape(profile, start)!.Trades;
            var where = $"{profile.Symbol} {start:O}";
            Assert.NotEmpty(trades);
            Assert.True(trades[0].Price == bar.Open, $"{where}: first {trades[0].Price}, open {bar.Open}");
            Assert.True(trades[^1].Price == bar.Close, $"{where}: last {trades[^1].Price}, close {bar.Close}");
            Assert.True(trades.Max(t => t.Price) == bar.High, $"{where}: max {trades.Max(t => t.Price)}, high {bar.High}");
            Assert.True(trades.Min(t => t.Price) == bar.Low, $"{where}: min {trades.Min(t => t.Price)}, low {bar.Low}");
            Assert.Equal(bar.Volume, trades.Sum(t => t.Size));
            Assert.All(trades, t => Assert.True(t.Size >= 1, $"{where}: size {t.Size}"));
            Assert.All(trades, t => Assert.Equal(Math.Round(t.Price, 2), t.Price));
            Assert.All(trades, t => Assert.InRange(t.Time, start, start.AddMinutes(1).AddTicks(-1)));
            for (var i = 1; i < trades.Count; i++)
            {
                Assert.True(trades[i].Time > trades[i - 1].Time, $"{where}: trade {i} not after {i - 1}");
                Assert.True(trades[i].Id > trades[i - 1].Id, $"{where}: id {i} not after {i - 1}");
            }
            Assert.All(trades, t =>
            {
                Assert.Equal("V", t.Exchange);
                Assert.Contains(t.Tape, new[] { "A", "B", "C" });
                Assert.Equal("@", t.Conditions[0]);
                Assert.Equal(!regular, t.Conditions.Contains("T"));
                Assert.Equal(t.Size < 100, t.Conditions.Contains("I"));
            });
            checkedMinutes++;
        }
        Assert.True(checkedMinutes > 5_000, $"{checkedMinutes} minutes");
    }

    [Fact]
    public void A_minute_bar_carries_the_count_and_vwap_of_its_trades()
    {
        foreach (var (profile, start, bar, _) in Minutes(step: 11))
        {
            var trades = Market.Tape(profile, start)!.Trades;
            Assert.Equal(trades.Count, bar.TradeCount);
            Assert.Equal(Vwap(trades), bar.Vwap!.Value, 1e-9);
        }
    }

    [Theory]
    [InlineData("AAPL", "5Min")]
    [InlineData("NFLX", "15Min")]
    [InlineData("BRK.B", "1Hour")]
    [InlineData("KO", "1Day")]
    public void Longer_bars_carry_the_count_and_vwap_of_all_their_minutes_trades(string symbol, string timeframe)
    {
        var profile = SymbolUniverse.Find(symbol)!;
        Assert.True(Timeframes.TryParse(timeframe, out var parsed));
        var tf = parsed.Value;
        var asOf = MinuteData.NewYorkToUtc(Days[0], 24 * 60 - 1);
        var bars = Market.BarsBetween(profile, tf, MinuteData.NewYorkToUtc(Days[0], 0), asOf);
        Assert.NotEmpty(bars);
        foreach (var bar in bars)
        {
            var end = tf == Timeframe.Day1 ? asOf : bar.Time + tf.IntradayLength();
            var trades = Enumerable.Range(0, (int)(end - bar.Time).TotalMinutes)
                .Select(i => Market.Tape(profile, bar.Time.AddMinutes(i)))
                .OfType<MinuteTape>().SelectMany(t => t.Trades).ToList();
            Assert.Equal(trades.Count, bar.TradeCount);
            Assert.Equal(bar.Volume, trades.Sum(t => t.Size));
            Assert.Equal(Vwap(trades), bar.Vwap!.Value, 1e-6);
        }
    }

    [Fact]
    public void Quotes_bracket_every_trade_with_a_plausible_spread()
    {
        foreach (var (profile, start, _, _) in Minutes(step: 7))
        {
            var tape = Market.Tape(profile, start)!;
            Assert.Equal(tape.Trades.Count, tape.Quotes.Count);
            for (var i = 0; i < tape.Trades.Count; i++)
            {
                var (trade, quote) = (tape.Trades[i], tape.Quotes[i]);
                var where = $"{profile.Symbol} {trade.Time:O}";
                // The quote in force at the trade: at or before it, after the previous trade.
                Assert.True(quote.Time <= trade.Time && quote.Time >= start, $"{where}: quote at {quote.Time:O}");
                if (i > 0) Assert.True(quote.Time > tape.Trades[i - 1].Time, $"{where}: quote {i} not after trade {i - 1}");
                Assert.True(quote.BidPrice <= trade.Price && trade.Price <= quote.AskPrice, $"{where}: {quote.BidPrice} / {trade.Price} / {quote.AskPrice}");
                Assert.True(quote.BidPrice > 0 && quote.AskPrice > quote.BidPrice, $"{where}: {quote.BidPrice} x {quote.AskPrice}");
                Assert.True(quote.AskPrice - quote.BidPrice <= Math.Max(0.0101, trade.Price * 0.0005), $"{where}: spread {quote.AskPrice - quote.BidPrice}");
                Assert.True(quote.BidSize >= 100 && quote.AskSize >= 100 && quote.BidSize % 100 == 0 && quote.AskSize % 100 == 0);
                Assert.Equal(("V", "V", "R"), (quote.BidExchange, quote.AskExchange, quote.Conditions.Single()));
            }
        }
    }

    [Fact]
    public void The_same_symbol_and_bar_give_the_same_tape_and_another_symbol_another()
    {
        var start = MinuteData.NewYorkToUtc(Days[0], 10 * 60 + 7);
        var bar = Market.MinuteBar(SymbolUniverse.Find("MSFT")!, start)!;
        var first = Text(SimulatedTape.Of("MSFT", bar, regularHours: true));
        Assert.Equal(first, Text(SimulatedTape.Of("MSFT", bar, regularHours: true)));
        Assert.Equal(first, Text(new SimulatedMarket(new NyseCalendar()).Tape(SymbolUniverse.Find("MSFT")!, start)!));
        Assert.NotEqual(first, Text(SimulatedTape.Of("MSFX", bar, regularHours: true)));
    }

    [Fact]
    public void A_one_share_minute_is_one_trade_at_its_price()
    {
        var start = new DateTimeOffset(2026, 11, 18, 22, 5, 0, TimeSpan.Zero);
        var tape = SimulatedTape.Of("SYN00001", new Bar(start, 12.34, 12.34, 12.34, 12.34, 1), regularHours: false);
        var trade = Assert.Single(tape.Trades);
        Assert.Equal((12.34, 1L), (trade.Price, trade.Size));
        Assert.Equal(new[] { "@", "T", "I" }, trade.Conditions);
        Assert.InRange(trade.Time, start, start.AddMinutes(1).AddTicks(-1));
        Assert.Single(tape.Quotes);
    }

    [Fact]
    public void A_flat_minute_trades_only_at_its_price_and_a_thin_one_touches_each_price_once()
    {
        var start = new DateTimeOffset(2026, 11, 18, 15, 5, 0, TimeSpan.Zero);
        var flat = SimulatedTape.Of("AAPL", new Bar(start, 190.5, 190.5, 190.5, 190.5, 250_000), regularHours: true).Trades;
        Assert.True(flat.Count > 1);
        Assert.All(flat, t => Assert.Equal(190.5, t.Price));
        Assert.Equal(250_000, flat.Sum(t => t.Size));

        var thin = SimulatedTape.Of("AAPL", new Bar(start, 190.5, 190.9, 190.1, 190.3, 4), regularHours: true).Trades;
        Assert.Equal(4, thin.Count);
        Assert.All(thin, t => Assert.Equal(1, t.Size));
        Assert.Equal(new[] { 190.1, 190.3, 190.5, 190.9 }, thin.Select(t => t.Price).Order());
    }

    [Fact]
    public void A_bar_its_volume_cannot_print_is_refused()
    {
        var start = new DateTimeOffset(2026, 11, 18, 15, 5, 0, TimeSpan.Zero);
        Assert.Equal(4, SimulatedTape.MinimumVolume(190.5, 190.9, 190.1, 190.3));
        Assert.Throws<ArgumentException>(() => SimulatedTape.Of("AAPL", new Bar(start, 190.5, 190.9, 190.1, 190.3, 3), regularHours: true));
        Assert.Throws<ArgumentException>(() => SimulatedTape.Of("AAPL", new Bar(start, 190.5, 190.4, 190.1, 190.3, 100), regularHours: true));
        Assert.All(Minutes(step: 5), m => Assert.True(m.Bar.Volume >= SimulatedTape.MinimumVolume(m.Bar.Open, m.Bar.High, m.Bar.Low, m.Bar.Close)));
    }

    private static double Vwap(IReadOnlyList<Trade> trades)
    {
        var value = 0.0;
        var volume = 0L;
        foreach (var trade in trades)
        {
            value += trade.Price * trade.Size;
            volume += trade.Size;
        }
        return value / volume;
    }

    private static string Text(MinuteTape tape) =>
        string.Join("\n", tape.Trades.Select(t => $"{t.Time:O} {t.Price} {t.Size} {t.Id} {t.Exchange} {string.Join(',', t.Conditions)} {t.Tape}")
            .Concat(tape.Quotes.Select(q => $"{q.Time:O} {q.BidPrice} {q.BidSize} {q.AskPrice} {q.AskSize}")));
}
