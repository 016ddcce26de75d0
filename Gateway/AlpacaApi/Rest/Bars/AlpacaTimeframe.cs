using System.Globalization;
using System.Text.RegularExpressions;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Bars;

/// <summary>
/// Alpaca's timeframe strings: <c>[1-59]Min|T</c>, <c>[1-23]Hour|H</c>, <c>1Day|D</c>, <c>1Week|W</c>,
/// <c>[1,2,3,4,6,12]Month|M</c>. Of these the cluster computes five; the others are valid at Alpaca, so they get a
/// message saying what is served rather than "invalid".
/// </summary>
public static partial class AlpacaTimeframe
{
    public const string Supported = "1Min (1T), 5Min (5T), 15Min (15T), 1Hour (1H), 1Day (1D)";

    [GeneratedRegex("^([0-9]{1,2})(Min|T|Hour|H|Day|D|Week|W|Month|M)$")]
    private static partial Regex Pattern();

    public static Timeframe Parse(string? text)
    {
        if (text is null) throw AlpacaRequestRefused.Unprocessable($"missing timeframe: one of {Supported}");
        var match = Pattern().Match(text);
        if (!match.Success || match.Groups[1].Value.StartsWith('0'))
            throw AlpacaRequestRefused.Unprocessable($"invalid timeframe '{Parameters.AlpacaQuery.Shorten(text)}': supported are {Supported}");
        var amount = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        (bool Valid, Timeframe? Served) parsed = match.Groups[2].Value switch
        {
            "Min" or "T" => (amount <= 59, Minutes(amount)),
            "Hour" or "H" => (amount <= 23, amount == 1 ? Timeframe.Hour1 : null),
            "Day" or "D" => (amount == 1, Timeframe.Day1),
            "Week" or "W" => (amount == 1, null),
            _ => (amount is 1 or 2 or 3 or 4 or 6 or 12, null),
        };
        if (!parsed.Valid) throw AlpacaRequestRefused.Unprocessable($"invalid timeframe '{text}': supported are {Supported}");
        return parsed.Served ?? throw AlpacaRequestRefused.Unprocessable($"timeframe '{text}' is not served here: supported are {Supported}");
    }

    private static Timeframe? Minutes(int amount) => amount switch
    {
        1 => Timeframe.Minute1,
        5 => Timeframe.Minute5,
        15 => Timeframe.Minute15,
        _ => null,
    };
}
