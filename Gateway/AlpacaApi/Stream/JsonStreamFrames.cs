using System.Buffers;
using System.Net.WebSockets;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>The stream's frames as JSON text.</summary>
public sealed partial class JsonStreamFrames : StreamFrames
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override WebSocketMessageType MessageType => WebSocketMessageType.Text;

    public override byte[] Success(string message) => Frame(w =>
    {
        w.WriteString("T", "success");
        w.WriteString("msg", message);
    });

    public override byte[] Error(StreamError error) => Frame(w =>
    {
        w.WriteString("T", "error");
        w.WriteNumber("code", error.Code);
        w.WriteString("msg", error.Message);
    });

    public override byte[] Subscription(StreamChannels channels) => Frame(w =>
    {
        w.WriteString("T", "subscription");
        foreach (var key in StreamChannels.ConfirmationKeys)
        {
            w.WriteStartArray(key);
            foreach (var symbol in ConfirmationList(channels, key)) w.WriteStringValue(symbol);
            w.WriteEndArray();
        }
    });

    public override byte[] Bars(string symbol, IReadOnlyList<StreamBar> bars)
    {
        var buffer = new ArrayBufferWriter<byte>(128 * bars.Count);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartArray();
            foreach (var (type, bar) in bars)
            {
                w.WriteStartObject();
                w.WriteString("T", type.ToString());
                w.WriteString("S", symbol);
                w.WriteNumber("o", bar.Open);
                w.WriteNumber("h", bar.High);
                w.WriteNumber("l", bar.Low);
                w.WriteNumber("c", bar.Close);
                w.WriteNumber("v", bar.Volume);
                w.WriteString("t", Rfc3339(bar.Time));
                if (bar.TradeCount is { } trades) w.WriteNumber("n", trades);
                if (bar.Vwap is { } vwap) w.WriteNumber("vw", vwap);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A control message: alone in a one-element array.</summary>
    private static byte[] Frame(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartArray();
            w.WriteStartObject();
            fields(w);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
