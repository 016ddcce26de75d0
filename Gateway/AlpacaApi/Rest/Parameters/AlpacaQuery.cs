using System.Globalization;
using System.Text.RegularExpressions;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Gateway.Api;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Parameters;

/// <summary>
/// Reads Alpaca's query parameters. Like Alpaca, an unknown parameter is refused rather than ignored, so a typo
/// (<c>timeFrame</c>) is an error instead of a silently different answer.
/// </summary>
public sealed partial class AlpacaQuery
{
    private static readonly HashSet<string> Feeds = ["sip", "iex", "delayed_sip", "boats", "otc", "overnight"];
    private static readonly HashSet<string> Adjustments = ["raw", "split", "dividend", "spin-off", "all"];
    private readonly IQueryCollection _query;

    /// <summary>
    /// The most symbols one request may name (docs/alpaca-compatibility.md): each is a symbol grain to ask, so an
    /// unbounded list made one request as costly as thousands.
    /// </summary>
    public const int MaxSymbols = 200;

    public AlpacaQuery(IQueryCollection query, params string[] allowed)
    {
        _query = query;
        var unexpected = query.Keys.Where(k => !allowed.Contains(k, StringComparer.Ordinal)).ToArray();
        if (unexpected.Length > 0)
            throw AlpacaRequestRefused.BadRequest($"unexpected parameter(s): {string.Join(", ", unexpected.Select(Shorten))}; allowed are {string.Join(", ", allowed)}");
        foreach (var (name, values) in query)
        {
            if (values.Count > 1) throw AlpacaRequestRefused.BadRequest($"parameter {name} is given {values.Count} times");
        }
        // The cluster serves one feed (Feed below), in US dollars, without corporate-action adjustment: a request for
        // anything else is refused, not answered with these bars (docs/alpaca-compatibility.md).
        Check("feed", v => Feeds.Contains(v), $"one of {string.Join(", ", Feeds)}");
        Check("currency", v => v.Equals("USD", StringComparison.OrdinalIgnoreCase), "USD (the only currency served)");
        Check("adjustment", v => v.Split(',').All(Adjustments.Contains), $"{string.Join(", ", Adjustments)}, or a comma-separated list of them");
        if (this["adjustment"] is { } adjustment && adjustment.Split(',').Any(a => a != "raw"))
            throw AlpacaRequestRefused.Unprocessable($"adjustment '{Shorten(adjustment)}' is not served here: bars are unadjusted, give adjustment=raw or leave it out");
        Check("asof", v => v == "-" || DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), "a date YYYY-MM-DD or -");
    }

    /// <summary>Refuses a <c>feed</c> other than the one the cluster serves (absent means the served one).</summary>
    public AlpacaQuery Feed(ServedFeed served)
    {
        if (this["feed"] is { } feed && feed != served.Name)
            throw AlpacaRequestRefused.Unprocessable($"feed '{Shorten(feed)}' is not served here: this cluster serves feed={served.Name} only");
        return this;
    }

    public string? this[string name] => _query.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>Comma-separated symbols, upper-cased, de-duplicated and in Alpaca's response order (ordinal).</summary>
    public IReadOnlyList<string> Symbols()
    {
        var text = this["symbols"];
        if (string.IsNullOrWhiteSpace(text)) throw AlpacaRequestRefused.BadRequest("missing symbols: give symbols=AAPL,MSFT,...");
        var symbols = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) symbols.Add(Symbol(part));
        if (symbols.Count == 0) throw AlpacaRequestRefused.BadRequest("missing symbols: give symbols=AAPL,MSFT,...");
        if (symbols.Count > MaxSymbols)
            throw AlpacaRequestRefused.BadRequest($"too many symbols: at most {MaxSymbols} per request, {symbols.Count} given");
        return symbols.ToArray();
    }

    public static string Symbol(string text) =>
        RequestValidation.TryParseSymbol(text, out var symbol, out var error) ? symbol : throw AlpacaRequestRefused.BadRequest(error);

    /// <summary>1–10000, default 1000.</summary>
    public int Limit()
    {
        var text = this["limit"];
        if (text is null) return 1000;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= 10_000
            ? limit
            : throw AlpacaRequestRefused.BadRequest($"invalid limit '{Shorten(text)}': expected a whole number from 1 to 10000");
    }

    public bool Descending() => this["sort"] switch
    {
        null or "asc" => false,
        "desc" => true,
        var other => throw AlpacaRequestRefused.BadRequest($"invalid sort '{Shorten(other)}': expected asc or desc"),
    };

    /// <summary>
    /// An RFC-3339 time, or a date meaning that whole New York day: its first instant for a start, its last for an
    /// end, so that <c>start=end=2024-01-16</c> covers the day (both bounds are inclusive).
    /// </summary>
    public DateTimeOffset? Time(string name, bool endOfDay)
    {
        var text = this[name];
        if (text is null) return null;
        // An unencoded '+' in an offset arrives as a space.
        text = text.Replace(' ', '+');
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && InRange(date))
            return endOfDay ? NewYorkTime.StartOfDay(date.AddDays(1)).AddTicks(-1) : NewYorkTime.StartOfDay(date);
        if (Rfc3339().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            && InRange(DateOnly.FromDateTime(time.UtcDateTime)))
            return time.ToUniversalTime();
        throw AlpacaRequestRefused.BadRequest(
            $"invalid {name} '{Shorten(text)}': expected RFC-3339 (2024-01-16T14:30:00Z) or a date (2024-01-16), from 1900 to 2199");
    }

    public DateOnly? Date(string name)
    {
        var text = this[name];
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && InRange(date))
            return date;
        // Newer Alpaca API versions send RFC-3339 times here too; the New York date of the instant is meant.
        if (Rfc3339().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            && InRange(DateOnly.FromDateTime(time.UtcDateTime)))
            return NewYorkTime.DateOf(time);
        throw AlpacaRequestRefused.BadRequest($"invalid {name} '{Shorten(text)}': expected a date YYYY-MM-DD from 1900 to 2199");
    }

    /// <summary>
    /// Years the calendar can be asked about. Beyond them a day's end overflows <see cref="DateTimeOffset"/> (9999-12-31)
    /// and a calendar request spans millions of days.
    /// </summary>
    private static bool InRange(DateOnly date) => date.Year is >= 1900 and <= 2199;

    private void Check(string name, Func<string, bool> valid, string allowed)
    {
        if (this[name] is { } value && !valid(value))
            throw AlpacaRequestRefused.BadRequest($"invalid {name} '{Shorten(value)}': expected {allowed}");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    /// <summary>Echoes at most 30 characters of bad input.</summary>
    public static string Shorten(string text) => text.Length <= 30 ? text : string.Concat(text.AsSpan(0, 30), "…");
}
