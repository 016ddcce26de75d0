using System.Globalization;
using System.Text.Json;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// Reads Alpaca's trade (<c>t</c>), quote (<c>q</c>) and status (<c>s</c>) messages
/// (their fields are listed in docs/alpaca-compatibility.md, "Stream"). A missing required field throws, and the caller counts
/// the message as malformed; conditions and tape are optional, as some feeds leave them out.
/// </summary>
internal static class TapeParser
{
    public static TapeEvent Parse(string type, JsonElement item)
    {
        var symbol = item.GetProperty("S").GetString() ?? throw new FormatException("no symbol");
        return type switch
        {
            "t" => new TapeEvent(symbol, Trade: new Trade(
                Time(item), item.GetProperty("p").GetDouble(), item.GetProperty("s").GetInt64(), item.GetProperty("i").GetInt64(),
                Text(item, "x"), Conditions(item), Text(item, "z"))),
            "q" => new TapeEvent(symbol, Quote: new Quote(
                Time(item), Text(item, "bx"), item.GetProperty("bp").GetDouble(), item.GetProperty("bs").GetInt64(),
                Text(item, "ax"), item.GetProperty("ap").GetDouble(), item.GetProperty("as").GetInt64(), Conditions(item), Text(item, "z"))),
            _ => new TapeEvent(symbol, Status: new TradingStatus(
                Time(item), Text(item, "sc"), Text(item, "sm"), Text(item, "rc"), Text(item, "rm"), Text(item, "z"))),
        };
    }

    /// <summary>RFC-3339 with up to nine fraction digits: .NET keeps seven (100 ns), so the last two are dropped.</summary>
    private static DateTimeOffset Time(JsonElement item)
    {
        var text = item.GetProperty("t").GetString() ?? throw new FormatException("no time");
        var dot = text.IndexOf('.');
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end - dot - 1 > 7) text = text[..(dot + 8)] + text[end..];
        }
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
    }

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static IReadOnlyList<string> Conditions(JsonElement item) =>
        item.TryGetProperty("c", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(c => c.GetString() ?? "").ToArray()
            : [];
}
