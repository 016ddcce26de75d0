using System.Buffers;
using System.Text;
using System.Text.Json;
using MessagePack;

namespace OrleansMarketData.Bench.Load;

/// <summary>
/// Reads and writes the Alpaca stream's messages (docs/alpaca-compatibility.md, "Stream"): every server frame is an
/// array of maps keyed by <c>T</c>; a bar (<c>"T":"b"</c>) carries the start of its minute in <c>t</c>, a quote
/// (<c>"q"</c>) or trade (<c>"t"</c>) its own time, an RFC 3339 string in JSON and the msgpack timestamp extension
/// in msgpack.
/// </summary>
public static class AlpacaMessages
{
    /// <summary>What a frame held besides data: the last control message's <c>T</c> and <c>msg</c> (or error code).</summary>
    public readonly record struct Control(string? Type, string? Message);

    /// <summary>The <c>T</c> of every data message, of whichever channel.</summary>
    private static readonly string[] DataTypes = ["b", "q", "t", "d", "u", "s"];

    /// <summary>
    /// Calls <paramref name="onData"/> with the <c>t</c> of each message of type <paramref name="dataType"/> (<c>b</c>,
    /// <c>q</c> or <c>t</c>) of the frame; returns its last control message.
    /// </summary>
    public static Control Read(ReadOnlyMemory<byte> frame, bool msgpack, string dataType, Action<DateTimeOffset> onData) =>
        msgpack ? ReadMsgPack(frame, TypeBytes(dataType), onData) : ReadJson(frame.Span, TypeBytes(dataType), onData);

    private static readonly byte[] BarType = "b"u8.ToArray(), QuoteType = "q"u8.ToArray(), TradeType = "t"u8.ToArray();

    private static byte[] TypeBytes(string type) => type switch
    {
        "q" => QuoteType,
        "t" => TradeType,
        "b" => BarType,
        _ => Encoding.ASCII.GetBytes(type),
    };

    public static byte[] Auth(string key, string secret, bool msgpack) =>
        Map(msgpack, ("action", "auth"), ("key", key), ("secret", secret));

    public static byte[] Subscribe(StreamChannel channel, IReadOnlyList<string> symbols, bool msgpack)
    {
        if (!msgpack) return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["action"] = "subscribe", [channel.Key()] = symbols });
        var buffer = new ArrayBufferWriter<byte>(64);
        var w = new MessagePackWriter(buffer);
        w.WriteMapHeader(2);
        w.Write("action");
        w.Write("subscribe");
        w.Write(channel.Key());
        w.WriteArrayHeader(symbols.Count);
        foreach (var symbol in symbols) w.Write(symbol);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Map(bool msgpack, params (string Key, string Value)[] fields)
    {
        if (!msgpack) return JsonSerializer.SerializeToUtf8Bytes(fields.ToDictionary(f => f.Key, f => f.Value));
        var buffer = new ArrayBufferWriter<byte>(64);
        var w = new MessagePackWriter(buffer);
        w.WriteMapHeader(fields.Length);
        foreach (var (key, value) in fields)
        {
            w.Write(key);
            w.Write(value);
        }
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static Control ReadJson(ReadOnlySpan<byte> frame, byte[] dataType, Action<DateTimeOffset> onData)
    {
        var reader = new Utf8JsonReader(frame);
        var control = default(Control);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return new("invalid", "not a JSON array");
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? type = null, message = null;
            DateTimeOffset? time = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("T"u8))
                {
                    reader.Read();
                    type = reader.ValueTextEquals(dataType) ? Data : reader.GetString();
                }
                else if (reader.ValueTextEquals("t"u8))
                {
                    reader.Read();
                    time = reader.GetDateTimeOffset();
                }
                else if (reader.ValueTextEquals("msg"u8))
                {
                    reader.Read();
                    message = reader.GetString();
                }
                else
                {
                    reader.Read();
                    reader.TrySkip();
                }
            }
            if (ReferenceEquals(type, Data) && time is { } t) onData(t);
            else if (type is not null && !ReferenceEquals(type, Data) && !DataTypes.Contains(type)) control = new(type, message);
        }
        return control;
    }

    private static Control ReadMsgPack(ReadOnlyMemory<byte> frame, byte[] dataType, Action<DateTimeOffset> onData)
    {
        var reader = new MessagePackReader(frame);
        var control = default(Control);
        var count = reader.ReadArrayHeader();
        for (var i = 0; i < count; i++)
        {
            string? type = null, message = null;
            DateTimeOffset? time = null;
            var fields = reader.ReadMapHeader();
            for (var f = 0; f < fields; f++)
            {
                var key = StringBytes(ref reader);
                if (key.SequenceEqual("T"u8))
                {
                    var value = StringBytes(ref reader);
                    type = value.SequenceEqual(dataType) ? Data : Encoding.UTF8.GetString(value);
                }
                else if (key.SequenceEqual("t"u8)) time = new DateTimeOffset(reader.ReadDateTime());
                else if (key.SequenceEqual("msg"u8)) message = reader.ReadString();
                else reader.Skip();
            }
            if (ReferenceEquals(type, Data) && time is { } t) onData(t);
            else if (type is not null && !ReferenceEquals(type, Data) && !DataTypes.Contains(type)) control = new(type, message);
        }
        return control;
    }

    /// <summary>Marks a message of the wanted type without allocating its <c>T</c>.</summary>
    private static readonly string Data = new('*', 1);

    /// <summary>A msgpack string's bytes: a slice of the frame, which is one contiguous buffer.</summary>
    private static ReadOnlySpan<byte> StringBytes(ref MessagePackReader reader) =>
        reader.TryReadStringSpan(out var span) ? span : (reader.ReadStringSequence() ?? default).ToArray();
}
