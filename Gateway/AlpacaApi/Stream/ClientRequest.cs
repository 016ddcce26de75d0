using System.Text.Json;
using MessagePack;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>
/// One client message on the Alpaca stream: <c>{"action":"auth","key","secret"}</c> or
/// <c>{"action":"subscribe"|"unsubscribe", "bars":[...], ...}</c>, as JSON text or as a msgpack map.
/// </summary>
public sealed record ClientRequest(string Action, string? Key, string? Secret, IReadOnlyDictionary<string, string[]> Lists)
{
    /// <summary>Parses a message; null when it is not a map with a string "action" and string or string-list values.</summary>
    public static ClientRequest? Parse(ReadOnlyMemory<byte> message, bool msgpack)
    {
        try
        {
            return msgpack ? ParseMsgPack(message) : ParseJson(message);
        }
        catch (Exception ex) when (ex is JsonException or MessagePackSerializationException or FormatException or InvalidOperationException or EndOfStreamException)
        {
            return null;
        }
    }

    private static ClientRequest? ParseJson(ReadOnlyMemory<byte> message)
    {
        using var document = JsonDocument.Parse(message, new JsonDocumentOptions { MaxDepth = 4 });
        if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
        var scalars = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    scalars[property.Name] = property.Value.GetString()!;
                    break;
                case JsonValueKind.Array:
                    lists[property.Name] = property.Value.EnumerateArray()
                        .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new FormatException("not a string"))
                        .ToArray();
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    return null;
            }
        }
        return Create(scalars, lists);
    }

    private static ClientRequest? ParseMsgPack(ReadOnlyMemory<byte> message)
    {
        var reader = new MessagePackReader(message);
        var scalars = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var count = reader.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString() ?? throw new FormatException("nil key");
            switch (reader.NextMessagePackType)
            {
                case MessagePackType.String:
                    scalars[name] = reader.ReadString()!;
                    break;
                case MessagePackType.Array:
                    var items = new string[reader.ReadArrayHeader()];
                    for (var j = 0; j < items.Length; j++) items[j] = reader.ReadString() ?? throw new FormatException("nil symbol");
                    lists[name] = items;
                    break;
                case MessagePackType.Nil:
                    reader.ReadNil();
                    break;
                default:
                    return null;
            }
        }
        return reader.End ? Create(scalars, lists) : null;
    }

    private static ClientRequest? Create(Dictionary<string, string> scalars, Dictionary<string, string[]> lists) =>
        scalars.TryGetValue("action", out var action)
            ? new ClientRequest(action, scalars.GetValueOrDefault("key"), scalars.GetValueOrDefault("secret"), lists)
            : null;
}
