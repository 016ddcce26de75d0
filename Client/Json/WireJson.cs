using System.Globalization;
using System.Text.Json;

namespace OrleansMarketData.Client.Json;

/// <summary>
/// Reads the gateway's JSON (docs/api.md): candles keep their moving averages by the names the cluster gives them,
/// so they are read by hand rather than bound to fixed properties.
/// </summary>
internal static class WireJson
{
    public static Candle Candle(JsonElement bar)
    {
        DateTimeOffset timestamp = default;
        double open = 0, high = 0, low = 0, close = 0;
        long volume = 0;
        string status = "";
        double? atr = null, rsi = null;
        var averages = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var property in bar.EnumerateObject())
        {
            switch (property.Name)
            {
                case "timestamp": timestamp = Time(property.Value); break;
                case "open": open = property.Value.GetDouble(); break;
                case "high": high = property.Value.GetDouble(); break;
                case "low": low = property.Value.GetDouble(); break;
                case "close": close = property.Value.GetDouble(); break;
                case "volume": volume = property.Value.GetInt64(); break;
                case "market_status": status = property.Value.GetString() ?? ""; break;
                case "ATR": atr = Number(property.Value); break;
                case "RSI": rsi = Number(property.Value); break;
                case var name when name.StartsWith("MA", StringComparison.Ordinal): averages[name] = Number(property.Value); break;
            }
        }
        return new Candle(timestamp, open, high, low, close, volume, status, atr, rsi, averages);
    }

    public static CandleHistory History(JsonElement body) => new(
        body.GetProperty("symbol").GetString()!,
        body.GetProperty("timeframe").GetString()!,
        body.GetProperty("data").EnumerateArray().Select(Candle).ToList());

    public static LatestBar Latest(JsonElement body) => new(
        body.GetProperty("symbol").GetString()!, Time(body.GetProperty("timestamp")),
        body.GetProperty("open").GetDouble(), body.GetProperty("high").GetDouble(), body.GetProperty("low").GetDouble(),
        body.GetProperty("close").GetDouble(), body.GetProperty("volume").GetInt64());

    public static GatewayHealth Health(JsonElement body) => new(
        body.GetProperty("status").GetString() ?? "",
        body.TryGetProperty("feed", out var feed) ? feed.GetString() ?? "" : "",
        body.TryGetProperty("upstream_connected", out var up) && up.ValueKind == JsonValueKind.True,
        body.TryGetProperty("market_time", out var time) && time.ValueKind == JsonValueKind.String ? Time(time) : null,
        body.TryGetProperty("silo_count", out var silos) && silos.ValueKind == JsonValueKind.Number ? silos.GetInt32() : 0);

    /// <summary>The <c>error</c> of <c>{"error"}</c>, or a description of a body that is not one.</summary>
    public static string Error(string body, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
                return error.GetString() ?? $"HTTP {status}";
        }
        catch (JsonException)
        {
        }
        return $"HTTP {status}";
    }

    private static DateTimeOffset Time(JsonElement value) =>
        DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
