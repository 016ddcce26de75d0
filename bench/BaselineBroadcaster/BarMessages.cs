using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MessagePack;

namespace OrleansMarketData.Bench.Baseline;

/// <summary>
/// Live bar messages in the gateway's shapes and sizes: on /ws/candles the same fields, New York timestamps, prices
/// in cents and full-precision indicators; on the Alpaca stream the frame of Gateway/AlpacaApi/Stream/JsonStreamFrames.cs
/// and MsgPackStreamFrames.cs (an array holding one <c>b</c> map, <c>T</c> first, <c>t</c> the minute's start).
/// </summary>
public static class BarMessages
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Encode(BarValues bar, WireFormat format) => format switch
    {
        WireFormat.AlpacaJson => AlpacaJson(bar),
        WireFormat.AlpacaMsgPack => AlpacaMsgPack(bar),
        _ => Candle(bar),
    };

    public static byte[] Candle(BarValues bar)
    {
        var buffer = new ArrayBufferWriter<byte>(400);
        var random = new Random(HashCode.Combine(bar.Symbol, bar.Start.UtcTicks, 1));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "bar");
            w.WriteString("symbol", bar.Symbol);
            w.WriteString("timeframe", "1Min");
            w.WriteString("timestamp", TimeZoneInfo.ConvertTime(bar.Start, NewYork).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            w.WriteNumber("open", bar.Open);
            w.WriteNumber("high", bar.High);
            w.WriteNumber("low", bar.Low);
            w.WriteNumber("close", bar.Close);
            w.WriteNumber("volume", bar.Volume);
            w.WriteString("market_status", "regular");
            w.WriteNumber("ATR", bar.Close * 0.0011 + random.NextDouble() * 1e-3);
            w.WriteNumber("RSI", 30 + random.NextDouble() * 40);
            w.WriteNumber("MA40", bar.Close * (1 + random.NextDouble() * 1e-3));
            w.WriteNumber("MA80", bar.Close * (1 - random.NextDouble() * 1e-3));
            w.WriteNumber("MA160", bar.Close * (1 + random.NextDouble() * 2e-3));
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] AlpacaJson(BarValues bar)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var w = new Utf8JsonWriter(buffer, Relaxed))
        {
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteString("T", "b");
            w.WriteString("S", bar.Symbol);
            w.WriteNumber("o", bar.Open);
            w.WriteNumber("h", bar.High);
            w.WriteNumber("l", bar.Low);
            w.WriteNumber("c", bar.Close);
            w.WriteNumber("v", bar.Volume);
            w.WriteString("t", bar.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteNumber("n", bar.TradeCount);
            w.WriteNumber("vw", bar.Vwap);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] AlpacaMsgPack(BarValues bar)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(1);
        w.WriteMapHeader(10);
        w.Write("T");
        w.Write("b");
        w.Write("S");
        w.Write(bar.Symbol);
        w.Write("o");
        w.Write(bar.Open);
        w.Write("h");
        w.Write(bar.High);
        w.Write("l");
        w.Write(bar.Low);
        w.Write("c");
        w.Write(bar.Close);
        w.Write("v");
        w.Write(bar.Volume);
        w.Write("t");
        w.Write(bar.Start.UtcDateTime);
        w.Write("n");
        w.Write(bar.TradeCount);
        w.Write("vw");
        w.Write(bar.Vwap);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] History(string symbol) =>
        System.Text.Encoding.UTF8.GetBytes($$"""{"type":"historical","symbol":"{{symbol}}","timeframe":"1Min","data":[]}""");
}
