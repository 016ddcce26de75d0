using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// Alpaca's market-data and trading REST APIs: bars with paging, the latest bar, the calendar. Every request waits
/// its turn in the request budget; 429 pauses the budget until the reset time, and 5xx is retried a few times.
/// </summary>
public sealed partial class AlpacaRestClient(
    HttpClient http, IOptions<AlpacaOptions> options, IRequestBudget budget, TimeProvider time, ILogger<AlpacaRestClient> logger)
{
    private const int MaxPageSize = 10_000;
    private const int MaxAttempts = 5;
    private const int MaxTimeoutAttempts = 2;

    private AlpacaOptions Options => options.Value;

    /// <summary>
    /// Bars of several symbols in [start, end), oldest first, following <c>next_page_token</c> to the end.
    /// One request serves all symbols; Alpaca's limit counts bars across them.
    /// </summary>
    /// <param name="priority">The live feed's backfill, which goes ahead of history loads in the request budget.</param>
    /// <param name="turnTaken">The caller already waited for the first page's turn in the request budget.</param>
    public async Task<Dictionary<string, List<Bar>>> GetBarsAsync(
        IReadOnlyCollection<string> symbols, string timeframe, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken,
        bool priority = false, bool turnTaken = false)
    {
        var result = symbols.ToDictionary(s => s, _ => new List<Bar>(), StringComparer.Ordinal);
        string? pageToken = null;
        do
        {
            var query = new Dictionary<string, string?>
            {
                ["symbols"] = string.Join(',', symbols),
                ["timeframe"] = timeframe,
                ["start"] = Rfc3339(start),
                // Alpaca's end is inclusive; ours is exclusive.
                ["end"] = Rfc3339(end.AddSeconds(-1)),
                ["limit"] = MaxPageSize.ToString(CultureInfo.InvariantCulture),
                ["feed"] = Options.Feed == "test" ? null : Options.Feed,
                ["adjustment"] = "raw",
                ["sort"] = "asc",
                ["page_token"] = pageToken,
            };
            using var page = await GetAsync(Options.DataUrl, "/v2/stocks/bars", query, cancellationToken, priority, turnTaken && pageToken is null);
            if (page.RootElement.TryGetProperty("bars", out var bars) && bars.ValueKind == JsonValueKind.Object)
            {
                foreach (var symbol in bars.EnumerateObject())
                {
                    if (!result.TryGetValue(symbol.Name, out var list)) continue;
                    foreach (var bar in symbol.Value.EnumerateArray()) list.Add(ParseBar(bar));
                }
            }
            pageToken = page.RootElement.TryGetProperty("next_page_token", out var token) && token.ValueKind == JsonValueKind.String
                ? token.GetString()
                : null;
        } while (pageToken is not null);
        return result;
    }

    public async Task<Bar?> GetLatestBarAsync(string symbol, CancellationToken cancellationToken)
    {
        var query = new Dictionary<string, string?> { ["feed"] = Options.Feed == "test" ? null : Options.Feed };
        using var body = await GetAsync(Options.DataUrl, $"/v2/stocks/{Uri.EscapeDataString(symbol)}/bars/latest", query, cancellationToken);
        return body.RootElement.TryGetProperty("bar", out var bar) && bar.ValueKind == JsonValueKind.Object ? ParseBar(bar) : null;
    }

    /// <summary>Trading days from the trading API's calendar, with their session hours.</summary>
    public async Task<List<Calendar.TradingSession>> GetCalendarAsync(DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        var query = new Dictionary<string, string?>
        {
            ["start"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["end"] = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        using var body = await GetAsync(Options.TradingUrl, "/v2/calendar", query, cancellationToken);
        try
        {
            return body.RootElement.EnumerateArray().Select(CalendarDay).ToList();
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentNullException)
        {
            LogGaveUp(logger, ex, "/v2/calendar");
            throw new AlpacaRequestException("Alpaca REST /v2/calendar: the answer was not a calendar");
        }
    }

    private static Calendar.TradingSession CalendarDay(JsonElement day) => new(
        DateOnly.ParseExact(day.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        SessionTime(day, "session_open", Calendar.TradingSession.DefaultSessionOpen),
        TimeOnly.ParseExact(day.GetProperty("open").GetString()!, "HH:mm", CultureInfo.InvariantCulture),
        TimeOnly.ParseExact(day.GetProperty("close").GetString()!, "HH:mm", CultureInfo.InvariantCulture),
        SessionTime(day, "session_close", Calendar.TradingSession.DefaultSessionClose));

    /// <summary>
    /// A bar of REST or the stream. Its trade count <c>n</c> and VWAP <c>vw</c> are optional: a source that does not
    /// know them (a gateway of a cluster on the simulator) leaves them out, and so does the bar.
    /// </summary>
    public static Bar ParseBar(JsonElement bar) => new(
        DateTimeOffset.Parse(bar.GetProperty("t").GetString()!, CultureInfo.InvariantCulture).ToUniversalTime(),
        bar.GetProperty("o").GetDouble(),
        bar.GetProperty("h").GetDouble(),
        bar.GetProperty("l").GetDouble(),
        bar.GetProperty("c").GetDouble(),
        bar.GetProperty("v").GetInt64(),
        bar.TryGetProperty("n", out var trades) && trades.ValueKind != JsonValueKind.Null ? trades.GetInt64() : null,
        bar.TryGetProperty("vw", out var vwap) && vwap.ValueKind != JsonValueKind.Null ? vwap.GetDouble() : null);

    private static TimeOnly SessionTime(JsonElement day, string name, TimeOnly fallback) =>
        day.TryGetProperty(name, out var value) && value.GetString() is { Length: 4 } text
            ? TimeOnly.ParseExact(text, "HHmm", CultureInfo.InvariantCulture)
            : fallback;

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task<JsonDocument> GetAsync(
        string baseUrl, string path, Dictionary<string, string?> query, CancellationToken cancellationToken, bool priority = false,
        bool turnTaken = false)
    {
        var uri = baseUrl.TrimEnd('/') + path + "?" + string.Join('&', query
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        for (var attempt = 1; ; attempt++)
        {
            if (!(turnTaken && attempt == 1)) await budget.WaitTurnAsync(cancellationToken, priority);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Add("APCA-API-KEY-ID", Options.KeyId);
            request.Headers.Add("APCA-API-SECRET-KEY", Options.SecretKey);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (attempt < MaxAttempts)
            {
                LogRetry(logger, path, "unreachable: " + ex.Message, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), time, cancellationToken);
                continue;
            }
            catch (HttpRequestException ex)
            {
                LogGaveUp(logger, ex, path);
                throw new AlpacaRequestException($"Alpaca REST {path}: unreachable");
            }
            // HttpClient's own timeout: the caller did not cancel. A hung upstream is tried once more only, so that
            // callers with a fallback (the calendar's built-in rules) reach it in about two timeouts.
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && attempt < MaxTimeoutAttempts)
            {
                LogRetry(logger, path, "no answer in time", attempt);
                continue;
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogGaveUp(logger, ex, path);
                throw new AlpacaRequestException($"Alpaca REST {path}: no answer in time");
            }

            using (response)
            {
                if (response.IsSuccessStatusCode) return await ParseAsync(response, path, cancellationToken);

                var status = (int)response.StatusCode;
                var message = await ErrorMessageAsync(response, cancellationToken);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxAttempts)
                {
                    var until = ResetTime(response) ?? time.GetUtcNow().AddSeconds(attempt);
                    LogRateLimited(logger, path, until);
                    await budget.PauseUntilAsync(until);
                    continue;
                }
                if (status >= 500 && attempt < MaxAttempts)
                {
                    LogRetry(logger, path, $"{status} {message}", attempt);
                    await Task.Delay(TimeSpan.FromSeconds(attempt), time, cancellationToken);
                    continue;
                }
                var what = status is 401 or 403 ? "auth failed" : message;
                throw new AlpacaRequestException($"Alpaca REST {path}: {what} ({status})", status);
            }
        }
    }
}
