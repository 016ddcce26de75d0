using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MessagePack;

namespace OrleansMarketData.FakeAlpaca;

/// <summary>
/// Alpaca's msgpack framing (docs/alpaca-compatibility.md): the same arrays of maps as JSON, with "T" first in every map
/// (the fake writes it first) and timestamps ("t") as the msgpack timestamp extension.
/// </summary>
internal static class MsgPackFrames
{
    public static byte[] FromJson(string json)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        using (var document = JsonDocument.Parse(json)) Write(ref writer, document.RootElement, name: null);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A client's msgpack request as JSON text, for the same handling as a JSON request.</summary>
    public static string ToJson(byte[] frame) => MessagePackSerializer.ConvertToJson(frame);

    private static void Write(ref MessagePackWriter writer, JsonElement value, string? name)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteMapHeader(value.EnumerateObject().Count());
                foreach (var property in value.EnumerateObject())
                {
                    writer.Write(property.Name);
                    Write(ref writer, property.Value, property.Name);
                }
                break;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(value.GetArrayLength());
                foreach (var item in value.EnumerateArray()) Write(ref writer, item, null);
                break;
            case JsonValueKind.String when name == "t":
                writer.Write(DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture).UtcDateTime);
                break;
            case JsonValueKind.String:
                writer.Write(value.GetString());
                break;
            case JsonValueKind.Number when value.TryGetInt64(out var integer):
                writer.Write(integer);
                break;
            case JsonValueKind.Number:
                writer.Write(value.GetDouble());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                writer.Write(value.GetBoolean());
                break;
            default:
                writer.WriteNil();
                break;
        }
    }
}
