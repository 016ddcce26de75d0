using System.Buffers;
using System.Text.Json;
using MessagePack;

namespace OrleansMarketData.Bench.Baseline;

/// <summary>The Alpaca stream's control frames (<c>success</c>, <c>subscription</c>, <c>error</c>) in either format, each alone in an array.</summary>
public static class AlpacaControl
{
    private static readonly string[] EmptyLists = ["trades", "quotes", "updatedBars", "dailyBars", "statuses", "lulds", "corrections", "cancelErrors"];

    public static byte[] Success(string message, bool msgpack) => Frame(msgpack, [("T", "success"), ("msg", message)], []);

    public static byte[] Error(int code, string message, bool msgpack) => Frame(msgpack, [("T", "error"), ("msg", message)], [], code);

    public static byte[] Subscription(IEnumerable<string> bars, bool msgpack) =>
        Frame(msgpack, [("T", "subscription")], [.. EmptyLists.Select(k => (k, Array.Empty<string>())), ("bars", bars.Order(StringComparer.Ordinal).ToArray())]);

    private static byte[] Frame(bool msgpack, (string Key, string Value)[] scalars, (string Key, string[] Values)[] lists, int? code = null)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        if (msgpack)
        {
            var w = new MessagePackWriter(buffer);
            w.WriteArrayHeader(1);
            w.WriteMapHeader(scalars.Length + lists.Length + (code is null ? 0 : 1));
            foreach (var (key, value) in scalars)
            {
                w.Write(key);
                w.Write(value);
            }
            if (code is { } c)
            {
                w.Write("code");
                w.Write(c);
            }
            foreach (var (key, values) in lists)
            {
                w.Write(key);
                w.WriteArrayHeader(values.Length);
                foreach (var value in values) w.Write(value);
            }
            w.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        using (var j = new Utf8JsonWriter(buffer))
        {
            j.WriteStartArray();
            j.WriteStartObject();
            foreach (var (key, value) in scalars) j.WriteString(key, value);
            if (code is { } c) j.WriteNumber("code", c);
            foreach (var (key, values) in lists)
            {
                j.WriteStartArray(key);
                foreach (var value in values) j.WriteStringValue(value);
                j.WriteEndArray();
            }
            j.WriteEndObject();
            j.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
