using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// The <c>{"type":"error","message":...}</c> message sent before a close; with <c>"retryAfter"</c> (seconds) when
/// the refusal is for load and a retry later may succeed.
/// </summary>
public static class SocketErrorMessage
{
    public static byte[] Encode(string message, int? retryAfter = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "error");
            writer.WriteString("message", message);
            if (retryAfter is { } seconds) writer.WriteNumber("retryAfter", seconds);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
