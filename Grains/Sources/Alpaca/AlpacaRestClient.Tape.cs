using System.Globalization;
using System.Text.Json;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// Alpaca's trades and quotes: one page of the multi-symbol history (its own <c>next_page_token</c> handed back as
/// is), and the latest of several symbols. Each is one request in the request budget.
/// </summary>
public sealed partial class AlpacaRestClient
{
    public async Task<TapePage> GetTapePageAsync(TapeQuery query, CancellationToken cancellationToken)
    {
        var kind = Path(query.Kind);
        var parameters = new Dictionary<string, string?>
        {
            ["symbols"] = string.Join(',', query.Symbols),
            ["start"] = query.Start is { } start ? Precise(start) : null,
            ["end"] = query.End is { } end ? Precise(end) : null,
            ["limit"] = query.Limit.ToString(CultureInfo.InvariantCulture),
            ["sort"] = query.Descending ? "desc" : "asc",
            ["feed"] = Options.Feed == "test" ? null : Options.Feed,
            ["page_token"] = query.PageToken,
        };
        using var page = await GetAsync(Options.DataUrl, $"/v2/stocks/{kind}", parameters, cancellationToken);
        var series = new List<SymbolTape>();
        if (page.RootElement.TryGetProperty(kind, out var items) && items.ValueKind == JsonValueKind.Object)
        {
            foreach (var symbol in items.EnumerateObject())
            {
                if (symbol.Value.ValueKind != JsonValueKind.Array || symbol.Value.GetArrayLength() == 0) continue;
                series.Add(query.Kind == TapeKind.Trades
                    ? new SymbolTape(symbol.Name, symbol.Value.EnumerateArray().Select(ParseTrade).ToList(), [])
                    : new SymbolTape(symbol.Name, [], symbol.Value.EnumerateArray().Select(ParseQuote).ToList()));
            }
        }
        var next = page.RootElement.TryGetProperty("next_page_token", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
        return new TapePage(TapeState.Ready, series, next);
    }

    /// <summary>The latest trades (or quotes) of the symbols Alpaca has them for: <c>{"trades":{"AAPL":{...}}}</c>.</summary>
    public async Task<Dictionary<string, T>> GetLatestTapeAsync<T>(TapeKind kind, IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        var path = Path(kind);
        var parameters = new Dictionary<string, string?>
        {
            ["symbols"] = string.Join(',', symbols),
            ["feed"] = Options.Feed == "test" ? null : Options.Feed,
        };
        using var body = await GetAsync(Options.DataUrl, $"/v2/stocks/{path}/latest", parameters, cancellationToken);
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        if (!body.RootElement.TryGetProperty(path, out var items) || items.ValueKind != JsonValueKind.Object) return result;
        foreach (var symbol in items.EnumerateObject())
        {
            if (symbol.Value.ValueKind != JsonValueKind.Object) continue;
            result[symbol.Name] = (T)(object)(kind == TapeKind.Trades ? ParseTrade(symbol.Value) : ParseQuote(symbol.Value));
        }
        return result;
    }

    /// <summary>A trade of REST or the stream: <c>t</c>, <c>p</c>, <c>s</c>, <c>i</c>, <c>x</c>, <c>c</c>, <c>z</c>.</summary>
    public static Trade ParseTrade(JsonElement trade) => new(
        Time(trade), trade.GetProperty("p").GetDouble(), trade.GetProperty("s").GetInt64(),
        trade.TryGetProperty("i", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt64() : 0,
        Text(trade, "x"), Conditions(trade), Text(trade, "z"));

    /// <summary>A quote of REST or the stream: <c>t</c>, <c>bx</c>/<c>bp</c>/<c>bs</c>, <c>ax</c>/<c>ap</c>/<c>as</c>, <c>c</c>, <c>z</c>.</summary>
    public static Quote ParseQuote(JsonElement quote) => new(
        Time(quote), Text(quote, "bx"), quote.GetProperty("bp").GetDouble(), quote.GetProperty("bs").GetInt64(),
        Text(quote, "ax"), quote.GetProperty("ap").GetDouble(), quote.GetProperty("as").GetInt64(), Conditions(quote), Text(quote, "z"));

    private static string Path(TapeKind kind) => kind == TapeKind.Trades ? "trades" : "quotes";

    /// <summary>Alpaca's times have up to nine fractional digits; a <see cref="DateTimeOffset"/> keeps seven.</summary>
    private static DateTimeOffset Time(JsonElement item)
    {
        var text = item.GetProperty("t").GetString()!;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end - dot - 1 > 7) text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
        }
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUniversalTime();
    }

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static string[] Conditions(JsonElement item) =>
        item.TryGetProperty("c", out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToArray()
            : [];

    private static string Precise(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
