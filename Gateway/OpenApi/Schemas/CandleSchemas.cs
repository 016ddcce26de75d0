using System.ComponentModel;
using System.Text.Json.Serialization;

namespace OrleansMarketData.Gateway.OpenApi.Schemas;

// The shapes Json/CandleJson.cs writes, for the OpenAPI document only: the handlers write bytes, not these records.

/// <summary>A candle with its indicators. The averages are named by their periods (MarketData:Indicators; MA40, MA80 and MA160 by default).</summary>
public sealed record CandleSchema(
    [property: JsonPropertyName("timestamp"), Description("Start of the candle, New York time with its offset")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("open")] double Open,
    [property: JsonPropertyName("high")] double High,
    [property: JsonPropertyName("low")] double Low,
    [property: JsonPropertyName("close")] double Close,
    [property: JsonPropertyName("volume")] long Volume,
    [property: JsonPropertyName("market_status"), Description("pre-market, regular, after-hours or closed")] string MarketStatus,
    [property: JsonPropertyName("ATR"), Description("Average true range (Wilder, 14); null while warming up")] double? Atr,
    [property: JsonPropertyName("RSI"), Description("Relative strength index (Wilder, 14); null while warming up")] double? Rsi,
    [property: JsonPropertyName("MA40")] double? Ma40,
    [property: JsonPropertyName("MA80")] double? Ma80,
    [property: JsonPropertyName("MA160")] double? Ma160);

/// <summary>The newest candles of a symbol and timeframe, oldest first.</summary>
public sealed record HistorySchema(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("timeframe")] string Timeframe,
    [property: JsonPropertyName("data")] IReadOnlyList<CandleSchema> Data);

/// <summary>The newest 1-minute bar, without indicators.</summary>
public sealed record LatestSchema(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("open")] double Open,
    [property: JsonPropertyName("high")] double High,
    [property: JsonPropertyName("low")] double Low,
    [property: JsonPropertyName("close")] double Close,
    [property: JsonPropertyName("volume")] long Volume);
