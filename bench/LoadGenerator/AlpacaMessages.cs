using System.Buffers;
using System.Text;
using System.Text.Json;
using MessagePack;

namespace OrleansMarketData.Bench.Load;

/// <summary>
/// Reads and writes the Alpaca stream's messages (docs/alpaca-compatibility.md, "Stream"): every server frame is an
/// array of maps keyed by <c>T</c>; a bar (<c>"T":"b"</c>) carries the start of its minute in <c>t</c>, an RFC 3339
/// string in JSON and the msgpack timestamp extension in msgpack.
/// </summary>
public static class AlpacaMessages
{
    /// <summary>What a frame held besides bars: the last control message's <c>T</c> and <c>msg</c> (or error code).</summary>
    public readonly record struct Control(string? Type, string? Message);

    /// <summary>Calls <paramref name="onBar"/> with the <c>t</c> of each <c>b</c> of the frame; returns its last control message.</summary>
    public static Control Read(ReadOnlyMemory<byte> frame, bool msgpack, Action<DateTimeOffset> onBar) =>
        msgpack ? ReadMsgPack(frame, onBar) : ReadJson(frame.Span, onBar);

    public static byte[] Auth(string key, string secret, bool msgpack) =>
        Map(msgpack, ("action", "auth"), ("key", key), ("secret", secret));

    public static byte[] SubscribeBars(string symbol, bool msgpack)
    {
        if (!msgpack) return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { action = "subscribe", bars = new[] { symbol } }));
        var buffer = new ArrayBufferWriter<byte>(64);
        var w = new MessagePackWriter(buffer);
        w.WriteMapHeader(2);
        w.Write("action");
        w.Write("subscribe");
        w.Write("bars");
        w.WriteArrayHeader(1);
        w.Write(symbol);
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

    private static Control ReadJson(ReadOnlySpan<byte> frame, Action<DateTimeOffset> onBar)
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
                    type = reader.ValueTextEquals("b"u8) ? "b" : reader.GetString();
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
            if (type == "b" && time is { } t) onBar(t);
            else if (type is not null && type != "b") control = new(type, message);
        }
        return control;
    }

    private static Control ReadMsgPack(ReadOnlyMemory<byte> frame, Action<DateTimeOffset> onBar)
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
                    type = value.SequenceEqual("b"u8) ? "b" : Encoding.UTF8.GetString(value);
                }
                else if (key.SequenceEqual("t"u8)) time = new DateTimeOffset(reader.ReadDateTime());
                else if (key.SequenceEqual("msg"u8)) message = reader.ReadString();
                else reader.Skip();
            }
            if (type == "b" && time is { } t) onBar(t);
            else if (type is not null && type != "b") control = new(type, message);
        }
        return control;
    }

    /// <summary>A msgpack string's bytes: a slice of the frame, which is one contiguous buffer.</summary>
    private static ReadOnlySpan<byte> StringBytes(ref MessagePackReader reader) =>
        reader.TryReadStringSpan(out var span) ? span : (reader.ReadStringSequence() ?? default).ToArray();
}
