using System.Text.Json;
using MessagePack;

namespace OrleansMarketData.Bench.Baseline;

/// <summary>
/// The client messages the baseline's Alpaca stream understands: <c>{"action":"auth",...}</c> (any key is accepted)
/// and <c>{"action":"subscribe"|"unsubscribe","bars":[...]}</c>, as JSON text or a msgpack map. Other lists are ignored.
/// </summary>
public sealed record AlpacaRequest(string Action, string[] Bars)
{
    public static AlpacaRequest? Parse(ReadOnlyMemory<byte> message, bool msgpack)
    {
        try
        {
            return msgpack ? ParseMsgPack(message) : ParseJson(message);
        }
        catch (Exception ex) when (ex is JsonException or MessagePackSerializationException or InvalidOperationException or EndOfStreamException)
        {
            return null;
        }
    }

    private static AlpacaRequest? ParseJson(ReadOnlyMemory<byte> message)
    {
        using var document = JsonDocument.Parse(message);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("action", out var action)) return null;
        var bars = root.TryGetProperty("bars", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(x => x.GetString() ?? "").ToArray()
            : [];
        return new(action.GetString() ?? "", bars);
    }

    private static AlpacaRequest? ParseMsgPack(ReadOnlyMemory<byte> message)
    {
        var reader = new MessagePackReader(message);
        string? action = null;
        string[] bars = [];
        var count = reader.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadString())
            {
                case "action":
                    action = reader.ReadString();
                    break;
                case "bars":
                    bars = new string[reader.ReadArrayHeader()];
                    for (var j = 0; j < bars.Length; j++) bars[j] = reader.ReadString() ?? "";
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return action is null ? null : new(action, bars);
    }
}
