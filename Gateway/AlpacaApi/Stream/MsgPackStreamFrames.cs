using System.Buffers;
using System.Net.WebSockets;
using MessagePack;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>
/// The stream's frames as msgpack: <c>T</c> is the first key of every map (the Go SDK requires it), and bar
/// timestamps are the msgpack timestamp extension (type -1), which alpaca-py and the JS SDK decode.
/// </summary>
public sealed partial class MsgPackStreamFrames : StreamFrames
{
    public override WebSocketMessageType MessageType => WebSocketMessageType.Binary;

    public override byte[] Success(string message) => Frame(2, (ref MessagePackWriter w) =>
    {
        w.Write("T");
        w.Write("success");
        w.Write("msg");
        w.Write(message);
    });

    public override byte[] Error(StreamError error) => Frame(3, (ref MessagePackWriter w) =>
    {
        w.Write("T");
        w.Write("error");
        w.Write("code");
        w.Write(error.Code);
        w.Write("msg");
        w.Write(error.Message);
    });

    public override byte[] Subscription(StreamChannels channels) => Frame(1 + StreamChannels.ConfirmationKeys.Length, (ref MessagePackWriter w) =>
    {
        w.Write("T");
        w.Write("subscription");
        foreach (var key in StreamChannels.ConfirmationKeys)
        {
            var symbols = ConfirmationList(channels, key);
            w.Write(key);
            w.WriteArrayHeader(symbols.Count);
            foreach (var symbol in symbols) w.Write(symbol);
        }
    });

    public override byte[] Bars(string symbol, IReadOnlyList<StreamBar> bars)
    {
        var buffer = new ArrayBufferWriter<byte>(96 * bars.Count);
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(bars.Count);
        foreach (var (type, bar) in bars)
        {
            w.WriteMapHeader(8 + (bar.TradeCount is null ? 0 : 1) + (bar.Vwap is null ? 0 : 1));
            w.Write("T");
            w.Write(type.ToString());
            w.Write("S");
            w.Write(symbol);
            w.Write("o");
            w.Write(bar.Open);
            w.Write("h");
            w.Write(bar.High);
            w.Write("l");
            w.Write(bar.Low);
            w.Write("c");
            w.Write(bar.Close);
            w.Write("v");
            w.Write(bar.Volume);
            w.Write("t");
            w.Write(bar.Time.UtcDateTime);
            if (bar.TradeCount is { } trades)
            {
                w.Write("n");
                w.Write(trades);
            }
            if (bar.Vwap is { } vwap)
            {
                w.Write("vw");
                w.Write(vwap);
            }
        }
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private delegate void WriteFields(ref MessagePackWriter writer);

    /// <summary>A control message: alone in a one-element array.</summary>
    private static byte[] Frame(int fieldCount, WriteFields fields)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(1);
        w.WriteMapHeader(fieldCount);
        fields(ref w);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
