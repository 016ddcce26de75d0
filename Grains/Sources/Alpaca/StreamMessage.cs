using System.Text.Json;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>One item of an Alpaca stream frame (a frame is a JSON array of items, each with a type "T").</summary>
public abstract record StreamMessage
{
    public sealed record Success(string Message) : StreamMessage;
    public sealed record Error(int Code, string Message) : StreamMessage;
    /// <summary>The full subscription state after a subscribe or unsubscribe: the symbols of the channels we use.</summary>
    public sealed record Subscription(
        IReadOnlyList<string> Bars, IReadOnlyList<string> UpdatedBars,
        IReadOnlyList<string>? Trades = null, IReadOnlyList<string>? Quotes = null, IReadOnlyList<string>? Statuses = null) : StreamMessage;
    /// <summary>A trade ("t"), a quote ("q") or a trading status ("s").</summary>
    public sealed record Tape(TapeEvent Event) : StreamMessage;
    /// <summary>A minute bar ("b"), or a correction of one already sent ("u").</summary>
    public sealed record MinuteBar(string Symbol, Bar Bar, bool IsCorrection) : StreamMessage;
    /// <summary>A message we do not use (daily bars, statuses, trades...).</summary>
    public sealed record Ignored(string Type) : StreamMessage;
    /// <summary>Something that could not be read; <see cref="Kind"/> groups them for counting and logging.</summary>
    public sealed record Malformed(string Kind, string Sample) : StreamMessage;

    /// <summary>Reads one text frame. Never throws: what cannot be read comes back as <see cref="Malformed"/>.</summary>
    public static List<StreamMessage> Parse(ReadOnlySpan<byte> frame)
    {
        var messages = new List<StreamMessage>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            messages.Add(new Malformed("invalid JSON", SampleOf(frame)));
            return messages;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                messages.Add(new Malformed("frame is not an array", SampleOf(frame)));
                return messages;
            }
            foreach (var item in document.RootElement.EnumerateArray()) messages.Add(ParseItem(item));
        }
        return messages;
    }

    private static StreamMessage ParseItem(JsonElement item)
    {
        try
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("T", out var typeElement) || typeElement.GetString() is not { } type)
                return new Malformed("item without a type", item.GetRawText());
            return type switch
            {
                "success" => new Success(item.GetProperty("msg").GetString() ?? ""),
                "error" => new Error(item.GetProperty("code").GetInt32(), item.TryGetProperty("msg", out var msg) ? msg.GetString() ?? "" : ""),
                "subscription" => new Subscription(Symbols(item, "bars"), Symbols(item, "updatedBars"),
                    Symbols(item, "trades"), Symbols(item, "quotes"), Symbols(item, "statuses")),
                "b" or "u" => new MinuteBar(item.GetProperty("S").GetString()!, AlpacaRestClient.ParseBar(item), type == "u"),
                "t" or "q" or "s" => new Tape(TapeParser.Parse(type, item)),
                "d" or "l" or "c" or "x" or "i" => new Ignored(type),
                _ => new Malformed($"unknown message type '{(type.Length <= 10 ? type : type[..10])}'", Truncate(item.GetRawText())),
            };
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException or JsonException)
        {
            return new Malformed($"unreadable '{item.GetProperty("T")}' message", Truncate(item.GetRawText()));
        }
    }

    private static IReadOnlyList<string> Symbols(JsonElement item, string channel) =>
        item.TryGetProperty(channel, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(s => s.GetString() ?? "").ToArray()
            : [];

    private static string SampleOf(ReadOnlySpan<byte> frame) => Truncate(System.Text.Encoding.UTF8.GetString(frame[..Math.Min(frame.Length, 200)]));

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200];
}
