using System.Globalization;
using System.Text.Json;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Json;

/// <summary>
/// Alpaca's trade and quote shapes (../shared/reference/alpaca-protocol.md, 2.3 and 2.5): a trade is
/// <c>{"t","x","p","s","c","i","z"}</c>, a quote <c>{"t","ax","ap","as","bx","bp","bs","c","z"}</c>, their times RFC-3339
/// in UTC with the fraction's trailing zeros dropped, as Alpaca writes them.
/// </summary>
public static class AlpacaTapeJson
{
    /// <summary><c>{"trades":[...],"symbol","next_page_token"}</c>, or <c>quotes</c>.</summary>
    public static IResult Single(TapeKind kind, string symbol, TapePage page) => AlpacaJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray(Name(kind));
        foreach (var series in page.Series) WriteItems(w, kind, series);
        w.WriteEndArray();
        w.WriteString("symbol", symbol);
        WriteToken(w, page.NextPageToken);
        w.WriteEndObject();
    });

    /// <summary><c>{"trades":{"AAPL":[...]},"next_page_token"}</c>, or <c>quotes</c>; no entry for a symbol without items.</summary>
    public static IResult Multi(TapeKind kind, TapePage page) => AlpacaJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject(Name(kind));
        foreach (var series in page.Series)
        {
            w.WriteStartArray(series.Symbol);
            WriteItems(w, kind, series);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        WriteToken(w, page.NextPageToken);
        w.WriteEndObject();
    });

    /// <summary><c>{"symbol","trade":{...}}</c> or <c>{"symbol","quote":{...}}</c>.</summary>
    public static IResult LatestSingle(string symbol, Trade? trade, Quote? quote) => AlpacaJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("symbol", symbol);
        if (trade is not null)
        {
            w.WritePropertyName("trade");
            WriteTrade(w, trade);
        }
        if (quote is not null)
        {
            w.WritePropertyName("quote");
            WriteQuote(w, quote);
        }
        w.WriteEndObject();
    });

    /// <summary><c>{"trades":{"AAPL":{...}}}</c> or <c>{"quotes":{...}}</c>.</summary>
    public static IResult LatestMulti(TapeKind kind, LatestTape latest, IReadOnlyList<string> symbols) => AlpacaJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject(Name(kind));
        foreach (var symbol in symbols)
        {
            if (kind == TapeKind.Trades && latest.Trades.TryGetValue(symbol, out var trade))
            {
                w.WritePropertyName(symbol);
                WriteTrade(w, trade);
            }
            else if (kind == TapeKind.Quotes && latest.Quotes.TryGetValue(symbol, out var quote))
            {
                w.WritePropertyName(symbol);
                WriteQuote(w, quote);
            }
        }
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static void WriteTrade(Utf8JsonWriter w, Trade trade)
    {
        w.WriteStartObject();
        w.WriteString("t", Time(trade.Time));
        w.WriteString("x", trade.Exchange);
        w.WriteNumber("p", trade.Price);
        w.WriteNumber("s", trade.Size);
        WriteConditions(w, trade.Conditions);
        w.WriteNumber("i", trade.Id);
        w.WriteString("z", trade.Tape);
        w.WriteEndObject();
    }

    public static void WriteQuote(Utf8JsonWriter w, Quote quote)
    {
        w.WriteStartObject();
        w.WriteString("t", Time(quote.Time));
        w.WriteString("ax", quote.AskExchange);
        w.WriteNumber("ap", quote.AskPrice);
        w.WriteNumber("as", quote.AskSize);
        w.WriteString("bx", quote.BidExchange);
        w.WriteNumber("bp", quote.BidPrice);
        w.WriteNumber("bs", quote.BidSize);
        WriteConditions(w, quote.Conditions);
        w.WriteString("z", quote.Tape);
        w.WriteEndObject();
    }

    private static string Name(TapeKind kind) => kind == TapeKind.Trades ? "trades" : "quotes";

    private static void WriteItems(Utf8JsonWriter w, TapeKind kind, SymbolTape series)
    {
        if (kind == TapeKind.Trades)
        {
            foreach (var trade in series.Trades) WriteTrade(w, trade);
        }
        else
        {
            foreach (var quote in series.Quotes) WriteQuote(w, quote);
        }
    }

    private static void WriteConditions(Utf8JsonWriter w, IReadOnlyList<string> conditions)
    {
        w.WriteStartArray("c");
        foreach (var condition in conditions) w.WriteStringValue(condition);
        w.WriteEndArray();
    }

    private static void WriteToken(Utf8JsonWriter w, string? next)
    {
        if (next is null) w.WriteNull("next_page_token");
        else w.WriteString("next_page_token", next);
    }
}
