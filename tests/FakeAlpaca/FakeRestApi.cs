using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrleansMarketData.FakeAlpaca;

/// <summary>The fake's REST endpoints: bars (single and multi-symbol, paged), latest bar, trades and quotes (FakeTapeApi), calendar, clock and assets.</summary>
internal sealed class FakeRestApi(FakeAlpacaServer server)
{
    /// <summary>The full answer of the latest queries, so that following their pages does not rebuild it.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<FakeBar>> _answers = new();

    public void Map(WebApplication app)
    {
        app.MapGet("/v2/stocks/bars", Handler(c => Guarded(c, () => MultiBars(c))));
        app.MapGet("/v2/stocks/{symbol}/bars", (HttpContext c, string symbol) => Guarded(c, () => SingleBars(c, symbol)));
        app.MapGet("/v2/stocks/{symbol}/bars/latest", (HttpContext c, string symbol) => Guarded(c, () => Latest(symbol)));
        FakeTapeApi.Map(app, server, (c, answer) => Guarded(c, answer));
        app.MapGet("/v2/calendar", Handler(c => Guarded(c, () => Calendar(c))));
        app.MapGet("/v2/clock", Handler(c => Guarded(c, Clock)));
        // The trading API's: Alpaca counts its requests apart from market data's, so neither the data rate limit nor
        // RestRequests sees them (AssetRequests does).
        app.MapGet("/v2/assets", Handler(c =>
        {
            Interlocked.Increment(ref server.AssetRequests);
            return Guarded(c, () => Assets(c), counted: false);
        }));
    }

    /// <summary>A route handler whose result is written, not a request delegate whose result is dropped.</summary>
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;

    private async Task<IResult> Guarded(HttpContext context, Func<IResult> answer, bool counted = true)
    {
        if (counted && !server.TryCountRestRequest(context)) return Error(429, 42900000, "rate limit exceeded");
        var faults = server.RestFaults;
        if (faults.Hold > TimeSpan.Zero)
        {
            faults.Count();
            // Until the hold has passed, or the test has ended it (set it to zero).
            var until = DateTime.UtcNow + faults.Hold;
            try
            {
                while (faults.Hold > TimeSpan.Zero && DateTime.UtcNow < until) await Task.Delay(50, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty;
            }
        }
        if (faults.Fail)
        {
            faults.Count();
            return Error(500, 50000000, "injected failure");
        }
        if (faults.Malformed)
        {
            faults.Count();
            return Results.Text("<html>upstream proxy error</html>", "application/json");
        }
        if (server.FailRestEchoingHeaders)
        {
            Interlocked.Increment(ref server.EchoedHeaderErrors);
            var headers = string.Join("; ", context.Request.Headers.Select(h => $"{h.Key}: {h.Value}"));
            return Error(500, 50010000, $"internal server error while handling {headers}");
        }
        if (!server.HasValidKeys(context)) return Error(403, 40310000, "forbidden");
        return answer();
    }

    private IResult MultiBars(HttpContext context)
    {
        var symbols = context.Request.Query["symbols"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (symbols.Length == 0) return Error(400, 40010000, "missing symbols");
        if (!TryPage(context, symbols, out var page, out var next, out var error)) return error!;
        var bars = page.GroupBy(b => b.Symbol).ToDictionary(g => g.Key, g => g.Select(Wire).ToArray());
        return Results.Json(new { bars, next_page_token = next });
    }

    private IResult SingleBars(HttpContext context, string symbol)
    {
        if (!TryPage(context, [symbol], out var page, out var next, out var error)) return error!;
        return Results.Json(new { bars = page.Select(Wire).ToArray(), symbol, next_page_token = next });
    }

    private IResult Latest(string symbol)
    {
        if (!FakeMarket.Exists(symbol)) return Error(404, 40410000, "symbol not found");
        var newest = server.Market.MinutesBefore(symbol, server.Market.Cursor(symbol), 1);
        return newest.Count == 0
            ? Results.Json(new { symbol, bar = (object?)null })
            : Results.Json(new { symbol, bar = Wire(server.Market.MinuteBar(symbol, newest[0])!) });
    }

    /// <summary>
    /// The active US-equity assets, shaped like Alpaca's: <see cref="FakeAlpacaServer.ListedSymbols"/>; 404 when a
    /// test has not set them.
    /// </summary>
    private IResult Assets(HttpContext context)
    {
        if (server.ListedSymbols is not { } listed) return Error(404, 40410000, "not found");
        var query = context.Request.Query;
        if (query["status"].ToString() is not ("" or "active") || query["asset_class"].ToString() is not ("" or "us_equity"))
            return Results.Json(Array.Empty<object>());
        return Results.Json(listed.Select((symbol, i) => new
        {
            id = $"00000000-0000-4000-8000-{i:D12}", @class = "us_equity", exchange = "NASDAQ", symbol, name = $"{symbol} Common Stock",
            status = "active", tradable = true, marginable = true, shortable = true, easy_to_borrow = true, fractionable = true,
        }).ToArray());
    }

    /// <summary>Trading days with their hours: "HH:mm" for the regular session, "HHmm" for the extended one.</summary>
    private IResult Calendar(HttpContext context)
    {
        var start = DateOnly.Parse(context.Request.Query["start"].ToString(), CultureInfo.InvariantCulture);
        var end = DateOnly.Parse(context.Request.Query["end"].ToString(), CultureInfo.InvariantCulture);
        var days = new List<object>();
        for (var d = start; d <= end; d = d.AddDays(1))
        {
            if (server.Market.Calendar.SessionOn(d) is not { } s) continue;
            days.Add(new
            {
                date = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                open = NewYork(s.Open, "HH:mm"), close = NewYork(s.Close, "HH:mm"),
                session_open = NewYork(s.SessionOpen, "HHmm"), session_close = NewYork(s.SessionClose, "HHmm"),
            });
        }
        return Results.Json(days);
    }

    /// <summary>Alpaca's clock: the time with New York's offset, whether regular hours are on, and the next open and close.</summary>
    private IResult Clock()
    {
        var now = server.Now;
        var calendar = server.Market.Calendar;
        var today = calendar.SessionOn(FakeCalendar.DateOf(now));
        var isOpen = today is not null && now >= today.Open && now < today.Close;
        var next = today is not null && now < today.Open ? today : calendar.NextSessionAfter(FakeCalendar.At(FakeCalendar.DateOf(now).AddDays(1), 0, 0));
        var nextClose = isOpen ? today!.Close : next.Close;
        return Results.Json(new
        {
            timestamp = ToNewYork(now).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            is_open = isOpen,
            next_open = ToNewYork(next.Open).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            next_close = ToNewYork(nextClose).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        });
    }

    private static DateTimeOffset ToNewYork(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, NewYorkZone);

    private static string NewYork(DateTimeOffset time, string format) => ToNewYork(time).ToString(format, CultureInfo.InvariantCulture);

    private static readonly TimeZoneInfo NewYorkZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>All matching bars sorted by symbol then time, cut into pages of <c>limit</c> bars across symbols.</summary>
    private bool TryPage(HttpContext context, string[] symbols, out List<FakeBar> page, out string? next, out IResult? error)
    {
        var query = context.Request.Query;
        server.BarRequests.Enqueue(query["timeframe"].ToString());
        page = [];
        next = null;
        error = null;
        var start = DateTimeOffset.Parse(query["start"].ToString(), CultureInfo.InvariantCulture);
        var end = query.ContainsKey("end") ? DateTimeOffset.Parse(query["end"].ToString(), CultureInfo.InvariantCulture) : server.Now;
        server.BarQueries.Enqueue(new BarQuery(symbols, query["timeframe"].ToString(), start, end));
        var limit = query.ContainsKey("limit") ? int.Parse(query["limit"].ToString(), CultureInfo.InvariantCulture) : 1000;
        if (limit is < 1 or > 10_000)
        {
            error = Error(422, 42210000, "invalid limit");
            return false;
        }
        var key = string.Join('|', string.Join(',', symbols), query["timeframe"], start, end, string.Join(',', symbols.Select(server.Market.Cursor)), server.Market.Revision);
        if (!_answers.TryGetValue(key, out var all))
        {
            all = [];
            foreach (var symbol in symbols.Order(StringComparer.Ordinal))
            {
                if (server.Market.Bars(symbol, query["timeframe"].ToString(), start, end) is not { } bars)
                {
                    error = Error(422, 42210000, "invalid timeframe");
                    return false;
                }
                all.AddRange(bars);
            }
            if (_answers.Count > 100) _answers.Clear();
            _answers[key] = all;
        }
        var offset = query["page_token"].ToString() is { Length: > 0 } token ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token))) : 0;
        var size = Math.Min(limit, server.MaxBarsPerPage);
        page = all.Skip(offset).Take(size).ToList();
        if (offset + size < all.Count) next = Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + size).ToString()));
        return true;
    }

    /// <summary>A bar as Alpaca's REST sends it; a bar without a trade count or VWAP (one a test made so) leaves them out.</summary>
    private static Dictionary<string, object> Wire(FakeBar b)
    {
        var wire = new Dictionary<string, object>
        {
            ["t"] = b.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["o"] = b.Open, ["h"] = b.High, ["l"] = b.Low, ["c"] = b.Close, ["v"] = b.Volume,
        };
        if (b.TradeCount is { } trades) wire["n"] = trades;
        if (b.Vwap is { } vwap) wire["vw"] = vwap;
        return wire;
    }

    private static IResult Error(int status, int code, string message) => Results.Json(new { code, message }, statusCode: status);
}
