using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrleansMarketData.FakeAlpaca;

/// <summary>
/// The fake's trades and quotes: two trades and two quotes in each published minute with a bar (the first trade at
/// the open, the last at the close), with nine-digit fractions as Alpaca writes them; paged by symbol then time with
/// tokens of the fake's own form, and the latest before each symbol's cursor.
/// </summary>
public static class FakeTapeApi
{
    internal static void Map(WebApplication app, FakeAlpacaServer server, Func<HttpContext, Func<IResult>, Task<IResult>> guarded)
    {
        foreach (var kind in new[] { "trades", "quotes" })
        {
            app.MapGet($"/v2/stocks/{kind}", Handler(c => guarded(c, () => Page(server, c, kind))));
            app.MapGet($"/v2/stocks/{kind}/latest", Handler(c => guarded(c, () => Latest(server, c, kind))));
        }
    }

    /// <summary>A route handler whose result is written, not a request delegate whose result is dropped.</summary>
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;

    /// <summary>The symbol's items in the minutes with a bar from <paramref name="from"/> to <paramref name="to"/> (inclusive), before its cursor, in time order.</summary>
    public static List<(DateTimeOffset Time, Dictionary<string, object> Wire)> Items(FakeMarket market, string symbol, string kind, DateTimeOffset from, DateTimeOffset to)
    {
        var items = new List<(DateTimeOffset, Dictionary<string, object>)>();
        var until = market.Cursor(symbol);
        // The fake keeps to short ranges: three days of minutes at most.
        for (var minute = FakeMarket.Minute(from); minute <= to && minute < until && minute < from.AddDays(3); minute = minute.AddMinutes(1))
        {
            if (market.MinuteBar(symbol, minute) is not { } bar) continue;
            for (var k = 0; k < 2; k++)
            {
                // 10.1234567 s and 40.7654321 s into the minute, written with nine digits.
                var time = minute.AddTicks(k == 0 ? 101_234_567 : 407_654_321);
                if (time < from || time > to) continue;
                items.Add((time, kind == "trades" ? Trade(bar, time, k) : Quote(bar, time, k)));
            }
        }
        return items;
    }

    private static IResult Page(FakeAlpacaServer server, HttpContext context, string kind)
    {
        var query = context.Request.Query;
        server.TapeRequests.Enqueue(context.Request.Path + context.Request.QueryString);
        var symbols = query["symbols"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
        if (symbols.Length == 0) return Error(400, 40010000, "missing symbols");
        var limit = query["limit"].Count == 0 ? 1000 : int.Parse(query["limit"]!, CultureInfo.InvariantCulture);
        var from = query["start"].Count == 0 ? server.Now.AddHours(-6) : DateTimeOffset.Parse(query["start"]!, CultureInfo.InvariantCulture);
        var to = query["end"].Count == 0 ? server.Now : DateTimeOffset.Parse(query["end"]!, CultureInfo.InvariantCulture);
        var all = symbols.SelectMany(s => Ordered(Items(server.Market, s, kind, from, to), query["sort"] == "desc").Select(i => (Symbol: s, i.Wire))).ToList();
        var offset = 0;
        if (query["page_token"].ToString() is { Length: > 0 } token)
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (!text.StartsWith("fake|", StringComparison.Ordinal)) return Error(400, 40010000, "invalid page token");
            offset = int.Parse(text[5..], CultureInfo.InvariantCulture);
        }
        var page = all.Skip(offset).Take(limit).ToList();
        var next = offset + limit < all.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"fake|{offset + limit}")) : null;
        var bySymbol = page.GroupBy(p => p.Symbol).ToDictionary(g => g.Key, g => g.Select(p => p.Wire).ToArray());
        return Results.Json(new Dictionary<string, object?> { [kind] = bySymbol, ["next_page_token"] = next });
    }

    private static IResult Latest(FakeAlpacaServer server, HttpContext context, string kind)
    {
        server.TapeRequests.Enqueue(context.Request.Path + context.Request.QueryString);
        var latest = new Dictionary<string, object>();
        foreach (var symbol in context.Request.Query["symbols"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!FakeMarket.Exists(symbol)) continue;
            var newest = server.Market.MinutesBefore(symbol, server.Market.Cursor(symbol), 1);
            if (newest.Count == 0) continue;
            latest[symbol] = Items(server.Market, symbol, kind, newest[0], newest[0].AddMinutes(1).AddTicks(-1))[^1].Wire;
        }
        return Results.Json(new Dictionary<string, object> { [kind] = latest });
    }

    private static IEnumerable<(DateTimeOffset Time, Dictionary<string, object> Wire)> Ordered(
        List<(DateTimeOffset Time, Dictionary<string, object> Wire)> items, bool descending) => descending ? Enumerable.Reverse(items) : items;

    private static Dictionary<string, object> Trade(FakeBar bar, DateTimeOffset time, int k) => new()
    {
        ["t"] = Nanos(time), ["x"] = "V", ["p"] = k == 0 ? bar.Open : bar.Close, ["s"] = k == 0 ? bar.Volume / 2 : bar.Volume - bar.Volume / 2,
        ["c"] = new[] { "@" }, ["i"] = 52983525029461L + time.ToUnixTimeSeconds() * 2 + k, ["z"] = "C",
    };

    private static Dictionary<string, object> Quote(FakeBar bar, DateTimeOffset time, int k) => new()
    {
        ["t"] = Nanos(time), ["ax"] = "V", ["ap"] = Math.Round((k == 0 ? bar.Open : bar.Close) + 0.01, 2), ["as"] = 300,
        ["bx"] = "V", ["bp"] = Math.Round((k == 0 ? bar.Open : bar.Close) - 0.01, 2), ["bs"] = 200, ["c"] = new[] { "R" }, ["z"] = "C",
    };

    /// <summary>Alpaca's nine fractional digits.</summary>
    public static string Nanos(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);

    private static IResult Error(int status, int code, string message) => Results.Json(new { code, message }, statusCode: status);
}
