using System.Text.Json;
using OrleansMarketData.Gateway.Admission;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Json;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Parameters;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Trades;
using OrleansMarketData.Gateway.OpenApi;
using OrleansMarketData.Gateway.OpenApi.Schemas;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Snapshots;

/// <summary>
/// Alpaca's snapshots: <c>{"symbol","latestTrade","latestQuote","minuteBar","dailyBar","prevDailyBar"}</c> for one
/// symbol, and a map by symbol with no wrapper key for several (../shared/reference/alpaca-protocol.md, 2.4).
/// </summary>
public static class SnapshotEndpoints
{
    private static readonly string[] Parameters = ["feed", "currency"];

    public static IEndpointRouteBuilder MapAlpacaSnapshots(this IEndpointRouteBuilder v2)
    {
        v2.MapGet("/stocks/snapshots", GetMultiAsync)
            .DescribeAlpaca<IReadOnlyDictionary<string, AlpacaSnapshotSchema>>("GetAlpacaSnapshots", "Snapshots of several symbols",
                "Alpaca's snapshots by symbol, with no wrapper key; unknown symbols are left out.", StatusCodes.Status400BadRequest,
                StatusCodes.Status422UnprocessableEntity)
            .WithParameters(RouteParameters.Alpaca.Latest(multi: true));
        v2.MapGet("/stocks/{symbol}/snapshot", GetSingleAsync)
            .DescribeAlpaca<AlpacaSymbolSnapshotSchema>("GetAlpacaSymbolSnapshot", "Snapshot of a symbol",
                "Alpaca's snapshot: the latest trade and quote, the newest minute bar, and the newest daily bar and the one before.",
                StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithParameters(RouteParameters.Alpaca.Latest(multi: false));
        return v2;
    }

    private static async Task<IResult> GetSingleAsync(string symbol, HttpRequest request, IClusterClient client, KnownSymbols known, ServedFeed served)
    {
        new AlpacaQuery(request.Query, Parameters).Feed(served);
        var ticker = await TapeReader.KnownAsync(known, symbol);
        var snapshots = await SnapshotReader.ReadAsync(client, [ticker]);
        if (snapshots.Count == 0) throw AlpacaRequestRefused.NotFound($"unknown symbol '{ticker}'");
        return AlpacaJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("symbol", ticker);
            WriteParts(w, snapshots[0].Value);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> GetMultiAsync(HttpRequest request, IClusterClient client, KnownSymbols known, ServedFeed served)
    {
        var symbols = await known.KnownOnlyAsync(new AlpacaQuery(request.Query, [.. Parameters, "symbols"]).Feed(served).Symbols());
        var snapshots = await SnapshotReader.ReadAsync(client, symbols);
        return AlpacaJson.Write(w =>
        {
            w.WriteStartObject();
            foreach (var (symbol, snapshot) in snapshots)
            {
                w.WriteStartObject(symbol);
                WriteParts(w, snapshot);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        });
    }

    private static void WriteParts(Utf8JsonWriter w, SymbolSnapshot snapshot)
    {
        w.WritePropertyName("latestTrade");
        if (snapshot.LatestTrade is { } trade) AlpacaTapeJson.WriteTrade(w, trade);
        else w.WriteNullValue();
        w.WritePropertyName("latestQuote");
        if (snapshot.LatestQuote is { } quote) AlpacaTapeJson.WriteQuote(w, quote);
        else w.WriteNullValue();
        WriteBar(w, "minuteBar", snapshot.MinuteBar);
        WriteBar(w, "dailyBar", snapshot.DailyBar);
        WriteBar(w, "prevDailyBar", snapshot.PrevDailyBar);
    }

    private static void WriteBar(Utf8JsonWriter w, string name, Bar? bar)
    {
        w.WritePropertyName(name);
        if (bar is null) w.WriteNullValue();
        else AlpacaJson.WriteBar(w, bar);
    }
}
