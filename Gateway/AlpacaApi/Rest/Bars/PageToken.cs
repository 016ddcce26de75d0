using System.Globalization;
using System.Text;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Bars;

/// <summary>
/// Where the next page starts: a symbol and the start of its first bar not yet sent, as base64 of
/// <c>SYMBOL|time</c> (Alpaca's tokens look alike). Clients treat it as opaque.
/// </summary>
public sealed record PageToken(string Symbol, DateTimeOffset Time)
{
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Symbol}|{Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}"));

    public static PageToken? Decode(string? text, IReadOnlyList<string> symbols)
    {
        if (text is null) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(text)).Split('|');
            if (parts.Length == 2 && symbols.Contains(parts[0], StringComparer.Ordinal)
                && DateTimeOffset.TryParseExact(parts[1], "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                return new PageToken(parts[0], time.ToUniversalTime());
        }
        catch (FormatException)
        {
        }
        throw AlpacaRequestRefused.BadRequest("invalid page_token: pass the next_page_token of the previous answer, with the same symbols");
    }
}
