using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Api;

/// <summary>
/// Checks of the public API's inputs: a symbol of 1 to 10 characters, a letter then letters, digits, '.' or '-'; a
/// timeframe of <see cref="Timeframes.Names"/>; a limit of 1 to 10000. Each error names the input and what is allowed.
/// </summary>
public static partial class RequestValidation
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9.\\-]{0,9}$")]
    private static partial Regex SymbolPattern();

    public static bool TryParseSymbol(string? text, out string symbol, out string error)
    {
        symbol = "";
        error = "";
        if (text is null || !SymbolPattern().IsMatch(text))
        {
            error = $"invalid symbol '{Shorten(text)}': expected 1 to 10 characters, a letter followed by letters, digits, '.' or '-'";
            return false;
        }
        symbol = text.ToUpperInvariant();
        return true;
    }

    public static bool TryParseTimeframe(StringValues values, out Timeframe timeframe, out string error)
    {
        timeframe = Timeframe.Minute1;
        error = "";
        if (values.Count == 0) return true;
        if (values.Count == 1 && Timeframes.TryParse(values[0], out var parsed))
        {
            timeframe = parsed.Value;
            return true;
        }
        error = $"invalid timeframe '{Shorten(values.ToString())}': allowed values are {string.Join(", ", Timeframes.Names)}";
        return false;
    }

    public static bool TryParseLimit(StringValues values, out int limit, out string error)
    {
        limit = DefaultLimit;
        error = "";
        if (values.Count == 0) return true;
        if (values.Count == 1 && int.TryParse(values[0], out limit) && limit is >= 1 and <= MaxLimit) return true;
        error = $"invalid limit '{Shorten(values.ToString())}': expected a whole number from 1 to {MaxLimit}";
        return false;
    }

    /// <summary>Validates the symbol and the timeframe and limit query parameters together.</summary>
    public static bool TryParseSeriesRequest(
        string? symbolText, IQueryCollection query, out string symbol, out Timeframe timeframe, out int limit, out string error)
    {
        timeframe = Timeframe.Minute1;
        limit = DefaultLimit;
        return TryParseSymbol(symbolText, out symbol, out error)
            && TryParseTimeframe(query["timeframe"], out timeframe, out error)
            && TryParseLimit(query["limit"], out limit, out error);
    }

    /// <summary>Echoes at most 20 characters of bad input.</summary>
    private static string Shorten(string? text) =>
        text is null ? "" : text.Length <= 20 ? text : string.Concat(text.AsSpan(0, 20), "…");
}
