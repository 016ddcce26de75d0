using System.Globalization;
using System.Text;

namespace OrleansMarketData.Tape;

/// <summary>
/// The simulator's page token: a symbol and the time of its first item not yet sent, as base64 of <c>SYMBOL|time</c>
/// (like the bars' tokens, Gateway/AlpacaApi/Rest/Bars/PageToken.cs). A symbol's trades, and its quotes, have strictly
/// increasing times (Grains/Sources/Simulated/SimulatedTape.cs), so the time alone says where to go on.
/// </summary>
public sealed record TapeToken(string Symbol, DateTimeOffset Time)
{
    public const string Invalid = "invalid page_token: pass the next_page_token of the previous answer, with the same symbols and sort";

    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Symbol}|{Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}"));

    /// <summary>The token, or null when it is not one of the symbols given.</summary>
    public static TapeToken? Decode(string text, IReadOnlyList<string> symbols)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(text)).Split('|');
            if (parts.Length == 2 && symbols.Contains(parts[0], StringComparer.Ordinal)
                && DateTimeOffset.TryParseExact(parts[1], "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                return new TapeToken(parts[0], time.ToUniversalTime());
        }
        catch (FormatException)
        {
        }
        return null;
    }
}
