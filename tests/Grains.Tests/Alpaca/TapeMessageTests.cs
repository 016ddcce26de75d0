using System.Text;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Tests.Alpaca;

/// <summary>Alpaca's trade, quote and status messages, as Alpaca's documentation shows them.</summary>
public sealed class TapeMessageTests
{
    private static List<StreamMessage> Parse(string frame) => StreamMessage.Parse(Encoding.UTF8.GetBytes(frame));

    [Fact]
    public void Trades_quotes_and_statuses_are_read_with_their_fields_and_nanosecond_times_to_the_tick()
    {
        var messages = Parse("""
            [{"T":"t","i":96921,"S":"AAPL","x":"D","p":126.55,"s":1,"t":"2021-02-22T15:51:44.208247512Z","c":["@","I"],"z":"C"},
             {"T":"q","S":"AMD","bx":"U","bp":87.66,"bs":1,"ax":"Q","ap":87.68,"as":4,"t":"2021-02-22T15:51:45.335689322Z","c":["R"],"z":"C"},
             {"T":"s","S":"AAPL","sc":"H","sm":"Trading Halt","rc":"T12","rm":"Trading Halted; For information requested by NASDAQ","t":"2021-02-22T19:15:00Z","z":"C"}]
            """);
        var trade = Assert.IsType<StreamMessage.Tape>(messages[0]).Event;
        Assert.Equal(TapeChannel.Trades, trade.Channel);
        Assert.Equal(new Trade(new DateTimeOffset(2021, 2, 22, 15, 51, 44, TimeSpan.Zero).AddTicks(2082475), 126.55, 1, 96921, "D", ["@", "I"], "C"),
            trade.Trade! with { Conditions = ["@", "I"] }, TradeComparer.Instance);
        var quote = Assert.IsType<StreamMessage.Tape>(messages[1]).Event;
        Assert.Equal(("AMD", "U", 87.66, 1L, "Q", 87.68, 4L), (quote.Symbol, quote.Quote!.BidExchange, quote.Quote.BidPrice, quote.Quote.BidSize, quote.Quote.AskExchange, quote.Quote.AskPrice, quote.Quote.AskSize));
        Assert.Equal(new DateTimeOffset(2021, 2, 22, 15, 51, 45, TimeSpan.Zero).AddTicks(3356893), quote.Quote.Time);
        var status = Assert.IsType<StreamMessage.Tape>(messages[2]).Event.Status!;
        Assert.Equal(("H", "Trading Halt", "T12", "C"), (status.StatusCode, status.StatusMessage, status.ReasonCode, status.Tape));
        Assert.Equal(new DateTimeOffset(2021, 2, 22, 19, 15, 0, TimeSpan.Zero), status.Time);
    }

    [Fact]
    public void A_trade_without_a_price_is_malformed_and_a_confirmation_carries_the_tape_channels()
    {
        Assert.Equal("unreadable 't' message", Assert.IsType<StreamMessage.Malformed>(Assert.Single(Parse(
            """[{"T":"t","i":1,"S":"AAPL","x":"D","s":1,"t":"2021-02-22T15:51:44Z"}]"""))).Kind);
        var subscription = Assert.IsType<StreamMessage.Subscription>(Assert.Single(Parse(
            """[{"T":"subscription","trades":["AAPL"],"quotes":["AMD","CLDR"],"bars":[],"statuses":["*"]}]""")));
        Assert.Equal(["AAPL"], subscription.Trades!);
        Assert.Equal(["AMD", "CLDR"], subscription.Quotes!);
        Assert.Equal(["*"], subscription.Statuses!);
    }

    /// <summary>Records compare lists by reference: this compares the conditions by value.</summary>
    private sealed class TradeComparer : IEqualityComparer<Trade>
    {
        public static readonly TradeComparer Instance = new();

        public bool Equals(Trade? x, Trade? y) =>
            x is not null && y is not null && x.Conditions.SequenceEqual(y.Conditions) && x with { Conditions = [] } == y with { Conditions = [] };

        public int GetHashCode(Trade obj) => obj.Time.GetHashCode();
    }
}
