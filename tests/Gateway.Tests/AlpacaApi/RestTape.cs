using System.Globalization;
using System.Text.Json;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>A trade of the Alpaca-compatible REST, read as a client reads it.</summary>
public sealed record RestTrade(DateTimeOffset Time, double Price, long Size, long Id, string Exchange, string[] Conditions, string Tape, string[] Fields)
{
    public static RestTrade Parse(JsonElement t) => new(
        RestTape.Time(t), t.GetProperty("p").GetDouble(), t.GetProperty("s").GetInt64(), t.GetProperty("i").GetInt64(),
        t.GetProperty("x").GetString()!, t.GetProperty("c").EnumerateArray().Select(c => c.GetString()!).ToArray(), t.GetProperty("z").GetString()!,
        t.EnumerateObject().Select(p => p.Name).ToArray());

    public string Key => $"{Time.UtcTicks}|{Price}|{Size}|{Id}|{Exchange}|{string.Join(',', Conditions)}|{Tape}";
}

/// <summary>A quote of the Alpaca-compatible REST, read as a client reads it.</summary>
public sealed record RestQuote(DateTimeOffset Time, double Bid, long BidSize, double Ask, long AskSize, string[] Fields)
{
    public static RestQuote Parse(JsonElement q) => new(
        RestTape.Time(q), q.GetProperty("bp").GetDouble(), q.GetProperty("bs").GetInt64(), q.GetProperty("ap").GetDouble(),
        q.GetProperty("as").GetInt64(), q.EnumerateObject().Select(p => p.Name).ToArray());

    public string Key => $"{Time.UtcTicks}|{Bid}|{BidSize}|{Ask}|{AskSize}";
}

public static class RestTape
{
    public static readonly string[] TradeFields = ["t", "x", "p", "s", "c", "i", "z"];
    public static readonly string[] QuoteFields = ["t", "ax", "ap", "as", "bx", "bp", "bs", "c", "z"];

    public static DateTimeOffset Time(JsonElement item) =>
        DateTimeOffset.Parse(item.GetProperty("t").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    /// <summary>RFC-3339 with the full fraction a time carries.</summary>
    public static string Precise(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Follows next_page_token of a multi-symbol route to the end: every item per symbol in arrival order, and the page sizes.</summary>
    public static async Task<(List<(string Symbol, JsonElement Item)> Items, List<int> PageSizes)> ReadAllPagesAsync(
        HttpClient http, string pathAndQuery, string kind)
    {
        var all = new List<(string, JsonElement)>();
        var sizes = new List<int>();
        string? token = null;
        do
        {
            var page = await AlpacaRest.GetJsonAsync(http, token is null ? pathAndQuery : $"{pathAndQuery}&page_token={Uri.EscapeDataString(token)}");
            var size = 0;
            foreach (var symbol in page.GetProperty(kind).EnumerateObject())
            {
                foreach (var item in symbol.Value.EnumerateArray()) all.Add((symbol.Name, item));
                size += symbol.Value.GetArrayLength();
            }
            sizes.Add(size);
            token = page.GetProperty("next_page_token").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next_page_token").GetString();
            Assert.True(sizes.Count < 1000, "paging did not end");
        } while (token is not null);
        return (all, sizes);
    }
}
