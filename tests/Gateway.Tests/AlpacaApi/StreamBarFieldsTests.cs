using System.Text.Json;
using MessagePack;
using OrleansMarketData.Gateway.AlpacaApi.Stream;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>The stream's bar messages in both wire formats carry <c>n</c> and <c>vw</c> when the bar has them, and only then.</summary>
public sealed class StreamBarFieldsTests
{
    private static readonly Bar WithTrades = new(new DateTimeOffset(2025, 3, 4, 15, 0, 0, TimeSpan.Zero), 100, 101, 99.5, 100.75, 4_200, 57, 100.3125);
    private static readonly Bar WithoutTrades = WithTrades with { Time = WithTrades.Time.AddMinutes(1), TradeCount = null, Vwap = null };
    private static readonly Bar Day = new(new DateTimeOffset(2025, 3, 4, 5, 0, 0, TimeSpan.Zero), 98, 101, 97.5, 100.75, 904_200, 9_870, 99.4375);

    public static TheoryData<bool> Formats => new() { false, true };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Bars_with_trade_count_and_vwap_carry_n_and_vw_and_bars_without_leave_them_out(bool msgpack)
    {
        var frames = msgpack ? StreamFrames.MsgPack : StreamFrames.Json;
        var frame = frames.Bars("AAPL", [new StreamBar('b', WithTrades), new StreamBar('u', WithoutTrades), new StreamBar('d', Day)]);
        using var document = JsonDocument.Parse(msgpack ? MessagePackSerializer.ConvertToJson(frame) : System.Text.Encoding.UTF8.GetString(frame));
        var items = document.RootElement.EnumerateArray().ToList();

        Assert.Equal(["T", "S", "o", "h", "l", "c", "v", "t", "n", "vw"], Names(items[0]));
        Assert.Equal(57, items[0].GetProperty("n").GetInt64());
        Assert.Equal(100.3125, items[0].GetProperty("vw").GetDouble());
        Assert.Equal(["T", "S", "o", "h", "l", "c", "v", "t"], Names(items[1]));
        Assert.Equal("d", items[2].GetProperty("T").GetString());
        Assert.Equal(9_870, items[2].GetProperty("n").GetInt64());
        Assert.Equal(99.4375, items[2].GetProperty("vw").GetDouble());
    }

    private static string[] Names(JsonElement item) => item.EnumerateObject().Select(p => p.Name).ToArray();
}
