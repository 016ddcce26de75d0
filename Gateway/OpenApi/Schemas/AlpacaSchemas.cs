using System.ComponentModel;
using System.Text.Json.Serialization;

namespace OrleansMarketData.Gateway.OpenApi.Schemas;

// The shapes AlpacaApi/Rest/Json/AlpacaJson.cs writes, for the OpenAPI document only.

/// <summary>Alpaca's bar: time (UTC), OHLCV, and the trade count and VWAP where the source gives them.</summary>
public sealed record AlpacaBarSchema(
    [property: JsonPropertyName("t"), Description("Start of the bar, RFC-3339 in UTC")] DateTimeOffset T,
    [property: JsonPropertyName("o")] double O,
    [property: JsonPropertyName("h")] double H,
    [property: JsonPropertyName("l")] double L,
    [property: JsonPropertyName("c")] double C,
    [property: JsonPropertyName("v")] long V,
    [property: JsonPropertyName("n"), Description("Trade count; left out when the source gives none")] long? N,
    [property: JsonPropertyName("vw"), Description("Volume-weighted average price; left out when the source gives none")] double? Vw);

public sealed record AlpacaBarsSchema(
    [property: JsonPropertyName("bars")] IReadOnlyList<AlpacaBarSchema> Bars,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("next_page_token"), Description("Give it as page_token for the next page; null on the last")] string? NextPageToken);

public sealed record AlpacaMultiBarsSchema(
    [property: JsonPropertyName("bars"), Description("Bars by symbol; no entry for a symbol without bars")] IReadOnlyDictionary<string, IReadOnlyList<AlpacaBarSchema>> Bars,
    [property: JsonPropertyName("next_page_token")] string? NextPageToken);

public sealed record AlpacaLatestBarSchema(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("bar")] AlpacaBarSchema Bar);

public sealed record AlpacaLatestBarsSchema(
    [property: JsonPropertyName("bars"), Description("The newest bar by symbol; unknown symbols are left out")] IReadOnlyDictionary<string, AlpacaBarSchema> Bars);

public sealed record AlpacaClockSchema(
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("is_open")] bool IsOpen,
    [property: JsonPropertyName("next_open")] DateTimeOffset NextOpen,
    [property: JsonPropertyName("next_close")] DateTimeOffset NextClose);

public sealed record AlpacaCalendarDaySchema(
    [property: JsonPropertyName("date"), Description("YYYY-MM-DD")] string Date,
    [property: JsonPropertyName("open"), Description("HH:MM, New York")] string Open,
    [property: JsonPropertyName("close"), Description("HH:MM, New York")] string Close,
    [property: JsonPropertyName("session_open"), Description("HHMM: the extended session's start")] string SessionOpen,
    [property: JsonPropertyName("session_close"), Description("HHMM: the extended session's end")] string SessionClose,
    [property: JsonPropertyName("settlement_date"), Description("YYYY-MM-DD")] string SettlementDate);
