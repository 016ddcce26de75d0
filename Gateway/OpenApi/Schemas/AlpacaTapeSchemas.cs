using System.ComponentModel;
using System.Text.Json.Serialization;

namespace OrleansMarketData.Gateway.OpenApi.Schemas;

// The shapes AlpacaApi/Rest/Json/AlpacaTapeJson.cs writes, for the OpenAPI document only.

/// <summary>Alpaca's trade.</summary>
public sealed record AlpacaTradeSchema(
    [property: JsonPropertyName("t"), Description("Time, RFC-3339 in UTC with up to seven fractional digits")] DateTimeOffset T,
    [property: JsonPropertyName("x"), Description("Exchange code (V: IEX)")] string X,
    [property: JsonPropertyName("p")] double P,
    [property: JsonPropertyName("s"), Description("Size in shares")] long S,
    [property: JsonPropertyName("c"), Description("Sale conditions")] IReadOnlyList<string> C,
    [property: JsonPropertyName("i"), Description("Trade id")] long I,
    [property: JsonPropertyName("z"), Description("Tape: A, B or C")] string Z);

/// <summary>Alpaca's quote.</summary>
public sealed record AlpacaQuoteSchema(
    [property: JsonPropertyName("t"), Description("Time, RFC-3339 in UTC with up to seven fractional digits")] DateTimeOffset T,
    [property: JsonPropertyName("ax"), Description("Ask exchange")] string Ax,
    [property: JsonPropertyName("ap")] double Ap,
    [property: JsonPropertyName("as"), Description("Ask size in shares")] long As,
    [property: JsonPropertyName("bx"), Description("Bid exchange")] string Bx,
    [property: JsonPropertyName("bp")] double Bp,
    [property: JsonPropertyName("bs"), Description("Bid size in shares")] long Bs,
    [property: JsonPropertyName("c"), Description("Quote conditions")] IReadOnlyList<string> C,
    [property: JsonPropertyName("z"), Description("Tape: A, B or C")] string Z);

public sealed record AlpacaTradesSchema(
    [property: JsonPropertyName("trades")] IReadOnlyList<AlpacaTradeSchema> Trades,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("next_page_token"), Description("Give it as page_token for the next page; null on the last")] string? NextPageToken);

public sealed record AlpacaQuotesSchema(
    [property: JsonPropertyName("quotes")] IReadOnlyList<AlpacaQuoteSchema> Quotes,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("next_page_token"), Description("Give it as page_token for the next page; null on the last")] string? NextPageToken);

public sealed record AlpacaMultiTradesSchema(
    [property: JsonPropertyName("trades"), Description("Trades by symbol; no entry for a symbol without trades")] IReadOnlyDictionary<string, IReadOnlyList<AlpacaTradeSchema>> Trades,
    [property: JsonPropertyName("next_page_token")] string? NextPageToken);

public sealed record AlpacaMultiQuotesSchema(
    [property: JsonPropertyName("quotes"), Description("Quotes by symbol; no entry for a symbol without quotes")] IReadOnlyDictionary<string, IReadOnlyList<AlpacaQuoteSchema>> Quotes,
    [property: JsonPropertyName("next_page_token")] string? NextPageToken);

public sealed record AlpacaLatestTradeSchema(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("trade")] AlpacaTradeSchema Trade);

public sealed record AlpacaLatestQuoteSchema(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("quote")] AlpacaQuoteSchema Quote);

public sealed record AlpacaLatestTradesSchema(
    [property: JsonPropertyName("trades"), Description("The newest trade by symbol; unknown symbols are left out")] IReadOnlyDictionary<string, AlpacaTradeSchema> Trades);

public sealed record AlpacaLatestQuotesSchema(
    [property: JsonPropertyName("quotes"), Description("The newest quote by symbol; unknown symbols are left out")] IReadOnlyDictionary<string, AlpacaQuoteSchema> Quotes);

/// <summary>Alpaca's snapshot of one symbol; a part the cluster has none of is null.</summary>
public sealed record AlpacaSnapshotSchema(
    [property: JsonPropertyName("latestTrade")] AlpacaTradeSchema? LatestTrade,
    [property: JsonPropertyName("latestQuote")] AlpacaQuoteSchema? LatestQuote,
    [property: JsonPropertyName("minuteBar"), Description("The newest 1-minute bar")] AlpacaBarSchema? MinuteBar,
    [property: JsonPropertyName("dailyBar"), Description("The newest daily bar")] AlpacaBarSchema? DailyBar,
    [property: JsonPropertyName("prevDailyBar"), Description("The daily bar before it")] AlpacaBarSchema? PrevDailyBar);

public sealed record AlpacaSymbolSnapshotSchema(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("latestTrade")] AlpacaTradeSchema? LatestTrade,
    [property: JsonPropertyName("latestQuote")] AlpacaQuoteSchema? LatestQuote,
    [property: JsonPropertyName("minuteBar")] AlpacaBarSchema? MinuteBar,
    [property: JsonPropertyName("dailyBar")] AlpacaBarSchema? DailyBar,
    [property: JsonPropertyName("prevDailyBar")] AlpacaBarSchema? PrevDailyBar);
