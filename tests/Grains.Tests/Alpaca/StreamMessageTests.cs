using System.Text;
using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Tests.Alpaca;

public sealed class StreamMessageTests
{
    private static List<StreamMessage> Parse(string frame) => StreamMessage.Parse(Encoding.UTF8.GetBytes(frame));

    [Fact]
    public void Batched_bars_and_corrections_are_read_with_utc_start_times()
    {
        var messages = Parse("""
            [{"T":"b","S":"SPY","o":388.985,"h":389.13,"l":388.975,"c":389.12,"v":49378,"n":461,"vw":389.062639,"t":"2021-02-22T19:15:00Z"},
             {"T":"u","S":"AAPL","o":1,"h":2,"l":0.5,"c":1.5,"v":10,"t":"2021-02-22T19:14:00Z"},
             {"T":"d","S":"SPY","o":388.985,"h":389.13,"l":388.975,"c":389.12,"v":749378,"t":"2021-02-16T05:00:00Z"}]
            """);
        var bar = Assert.IsType<StreamMessage.MinuteBar>(messages[0]);
        Assert.Equal("SPY", bar.Symbol);
        Assert.False(bar.IsCorrection);
        Assert.Equal(new DateTimeOffset(2021, 2, 22, 19, 15, 0, TimeSpan.Zero), bar.Bar.Time);
        Assert.Equal((388.985, 389.13, 388.975, 389.12, 49378L), (bar.Bar.Open, bar.Bar.High, bar.Bar.Low, bar.Bar.Close, bar.Bar.Volume));
        Assert.Equal((461L, 389.062639), (bar.Bar.TradeCount!.Value, bar.Bar.Vwap!.Value));
        var correction = Assert.IsType<StreamMessage.MinuteBar>(messages[1]);
        Assert.True(correction.IsCorrection);
        // A source that does not know them (another cluster on the simulator) leaves n and vw out.
        Assert.Null(correction.Bar.TradeCount);
        Assert.Null(correction.Bar.Vwap);
        Assert.IsType<StreamMessage.Ignored>(messages[2]);
    }

    [Fact]
    public void Control_messages_are_read()
    {
        Assert.Equal("connected", Assert.IsType<StreamMessage.Success>(Assert.Single(Parse("""[{"T":"success","msg":"connected"}]"""))).Message);
        var error = Assert.IsType<StreamMessage.Error>(Assert.Single(Parse("""[{"T":"error","code":406,"msg":"connection limit exceeded"}]""")));
        Assert.Equal(406, error.Code);
        Assert.Equal("connection limit exceeded (406)", AlpacaStreamException.From(error).Message);
        var subscription = Assert.IsType<StreamMessage.Subscription>(Assert.Single(Parse(
            """[{"T":"subscription","trades":[],"quotes":["AMD"],"bars":["AAPL","VOO"],"updatedBars":["AAPL"]}]""")));
        Assert.Equal(["AAPL", "VOO"], subscription.Bars);
    }

    [Theory]
    [InlineData("not json", "invalid JSON")]
    [InlineData("""{"T":"b"}""", "frame is not an array")]
    [InlineData("""[{"S":"AAPL"}]""", "item without a type")]
    [InlineData("""[{"T":"zz"}]""", "unknown message type 'zz'")]
    [InlineData("""[{"T":"b","S":"AAPL","o":"x"}]""", "unreadable 'b' message")]
    [InlineData("""[{"T":"b","S":"AAPL","o":1,"h":2,"l":0.5,"c":1.5,"v":10,"t":"2021-02-22T19:14:00Z","n":"many"}]""", "unreadable 'b' message")]
    [InlineData("""[{"T":"u","S":"AAPL","o":1,"h":2,"l":0.5,"c":1.5,"v":10,"t":"2021-02-22T19:14:00Z","n":3,"vw":"x"}]""", "unreadable 'u' message")]
    public void Unreadable_input_becomes_a_malformed_message_and_never_throws(string frame, string kind)
    {
        Assert.Equal(kind, Assert.IsType<StreamMessage.Malformed>(Assert.Single(Parse(frame))).Kind);
    }
}
