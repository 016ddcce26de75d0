using System.Buffers;
using System.Text.Json;

namespace OrleansMarketData.Bench.Baseline;

/// <summary>
/// Live bar messages in the gateway's shape and size: the same fields, New York timestamps, prices in cents and
/// full-precision indicators. The values are a cheap random walk; only size and rate matter for the baseline.
/// </summary>
public static class BarMessages
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static byte[] Bar(string symbol, DateTimeOffset barStart)
    {
        var seed = (uint)HashCode.Combine(symbol, barStart.UtcTicks);
        var random = new Random((int)seed);
        var close = Math.Round(50 + random.NextDouble() * 400, 2);
        var buffer = new ArrayBufferWriter<byte>(400);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "bar");
            w.WriteString("symbol", symbol);
            w.WriteString("timeframe", "1Min");
            w.WriteString("timestamp", TimeZoneInfo.ConvertTime(barStart, NewYork).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteNumber("open", Math.Round(close * 0.999, 2));
            w.WriteNumber("high", Math.Round(close * 1.001, 2));
            w.WriteNumber("low", Math.Round(close * 0.998, 2));
            w.WriteNumber("close", close);
            w.WriteNumber("volume", random.Next(10_000, 500_000));
            w.WriteString("market_status", "regular");
            w.WriteNumber("ATR", close * 0.0011 + random.NextDouble() * 1e-3);
            w.WriteNumber("RSI", 30 + random.NextDouble() * 40);
            w.WriteNumber("MA40", close * (1 + random.NextDouble() * 1e-3));
            w.WriteNumber("MA80", close * (1 - random.NextDouble() * 1e-3));
            w.WriteNumber("MA160", close * (1 + random.NextDouble() * 2e-3));
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] History(string symbol) =>
        System.Text.Encoding.UTF8.GetBytes($$"""{"type":"historical","symbol":"{{symbol}}","timeframe":"1Min","data":[]}""");
}
