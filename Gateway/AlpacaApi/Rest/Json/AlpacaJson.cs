using System.Buffers;
using System.Globalization;
using System.Text.Json;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Bars;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Json;

/// <summary>
/// Alpaca's REST shapes. A bar is <c>{"t","o","h","l","c","v","n","vw"}</c>, where the trade count <c>n</c> and the
/// VWAP <c>vw</c> are left out, rather than made up, when the source gave none (the simulator's bars, or a longer bar
/// with a part without them). Bar times are UTC without fraction, as Alpaca sends them;
/// clock times carry the New York offset, as Alpaca's trading API does.
/// </summary>
public static class AlpacaJson
{
    /// <summary><c>{"bars":[...],"symbol","next_page_token"}</c>.</summary>
    public static IResult SingleBars(string symbol, AlpacaBarsPage page) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("bars");
        foreach (var (_, bars) in page.Series)
        {
            foreach (var bar in bars) WriteBar(w, bar);
        }
        w.WriteEndArray();
        w.WriteString("symbol", symbol);
        WriteToken(w, page.Next);
        w.WriteEndObject();
    });

    /// <summary><c>{"bars":{"AAPL":[...]},"next_page_token"}</c>; no entry for a symbol without bars.</summary>
    public static IResult MultiBars(AlpacaBarsPage page) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("bars");
        foreach (var (symbol, bars) in page.Series)
        {
            w.WriteStartArray(symbol);
            foreach (var bar in bars) WriteBar(w, bar);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        WriteToken(w, page.Next);
        w.WriteEndObject();
    });

    /// <summary><c>{"symbol","bar":{...}}</c>.</summary>
    public static IResult LatestBar(string symbol, Bar bar) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("symbol", symbol);
        w.WritePropertyName("bar");
        WriteBar(w, bar);
        w.WriteEndObject();
    });

    /// <summary><c>{"bars":{"AAPL":{...}}}</c>.</summary>
    public static IResult LatestBars(IEnumerable<KeyValuePair<string, Bar>> bars) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("bars");
        foreach (var (symbol, bar) in bars)
        {
            w.WritePropertyName(symbol);
            WriteBar(w, bar);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static IResult Clock(MarketClock clock) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("timestamp", CandleJson.Timestamp(clock.Timestamp));
        w.WriteBoolean("is_open", clock.IsOpen);
        w.WriteString("next_open", CandleJson.Timestamp(clock.NextOpen));
        w.WriteString("next_close", CandleJson.Timestamp(clock.NextClose));
        w.WriteEndObject();
    });

    /// <summary><c>[{"date","open","close","session_open","session_close","settlement_date"}]</c>: HH:MM and HHMM.</summary>
    public static IResult Calendar(IEnumerable<TradingDay> days) => Write(w =>
    {
        w.WriteStartArray();
        foreach (var day in days)
        {
            w.WriteStartObject();
            w.WriteString("date", Date(day.Date));
            w.WriteString("open", day.Open.ToString("HH:mm", CultureInfo.InvariantCulture));
            w.WriteString("close", day.Close.ToString("HH:mm", CultureInfo.InvariantCulture));
            w.WriteString("session_open", day.SessionOpen.ToString("HHmm", CultureInfo.InvariantCulture));
            w.WriteString("session_close", day.SessionClose.ToString("HHmm", CultureInfo.InvariantCulture));
            w.WriteString("settlement_date", Date(day.SettlementDate));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    public static string BarTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static void WriteBar(Utf8JsonWriter w, Bar bar)
    {
        w.WriteStartObject();
        w.WriteString("t", BarTime(bar.Time));
        w.WriteNumber("o", bar.Open);
        w.WriteNumber("h", bar.High);
        w.WriteNumber("l", bar.Low);
        w.WriteNumber("c", bar.Close);
        w.WriteNumber("v", bar.Volume);
        if (bar.TradeCount is { } trades) w.WriteNumber("n", trades);
        if (bar.Vwap is { } vwap) w.WriteNumber("vw", vwap);
        w.WriteEndObject();
    }

    internal static void WriteToken(Utf8JsonWriter w, PageToken? next)
    {
        if (next is null) w.WriteNull("next_page_token");
        else w.WriteString("next_page_token", next.Encode());
    }

    internal static IResult Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return Results.Bytes(buffer.WrittenSpan.ToArray(), "application/json");
    }
}
