using System.Buffers;
using System.Globalization;
using System.Text.Json;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Json;

/// <summary>
/// Writes candles in the public JSON shape: New York timestamps, <c>market_status</c>, and the indicators as
/// <c>ATR</c>, <c>RSI</c> and <c>MA{period}</c> with the periods that came with the candles, null during warm-up.
/// </summary>
public sealed class CandleJson
{
    private static readonly JsonEncodedText AtrName = JsonEncodedText.Encode("ATR");
    private static readonly JsonEncodedText RsiName = JsonEncodedText.Encode("RSI");
    private static readonly JsonEncodedText TimestampName = JsonEncodedText.Encode("timestamp");

    private readonly HistoryJsonCache _histories = new();
    /// <summary>The names of the periods last written: every silo of a cluster normally sends the same ones.</summary>
    private AverageNames? _averageNames;

    /// <summary>
    /// <c>{"symbol","timeframe","data":[...]}</c>, or with <c>"type":"historical"</c> first for sockets. The array may
    /// be shared with other callers (see <see cref="HistoryJsonCache"/>): never modify it.
    /// </summary>
    public byte[] History(string symbol, Timeframe timeframe, IReadOnlyList<Candle> candles, MovingAveragePeriods averages, bool asMessage) =>
        _histories.GetOrWrite(symbol, timeframe, asMessage, candles, averages, () => WriteHistory(symbol, timeframe, candles, NamesOf(averages), asMessage));

    private static byte[] WriteHistory(string symbol, Timeframe timeframe, IReadOnlyList<Candle> candles, AverageNames names, bool asMessage) =>
        Write(w =>
        {
            w.WriteStartObject();
            if (asMessage) w.WriteString("type", "historical");
            w.WriteString("symbol", symbol);
            w.WriteString("timeframe", timeframe.Name());
            w.WriteStartArray("data");
            foreach (var candle in candles)
            {
                w.WriteStartObject();
                WriteCandleFields(w, candle, names);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>A live update: <c>{"type":"bar","symbol","timeframe",...candle}</c>.</summary>
    public byte[] BarMessage(string symbol, Timeframe timeframe, Candle candle, MovingAveragePeriods averages)
    {
        var names = NamesOf(averages);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "bar");
            w.WriteString("symbol", symbol);
            w.WriteString("timeframe", timeframe.Name());
            WriteCandleFields(w, candle, names);
            w.WriteEndObject();
        });
    }

    /// <summary><c>{"symbol","timestamp","open","high","low","close","volume"}</c>: the newest bar, without indicators.</summary>
    public byte[] Latest(string symbol, Bar bar) =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("symbol", symbol);
            WriteBarFields(w, bar);
            w.WriteEndObject();
        });

    public static string Timestamp(DateTimeOffset time) =>
        NewYorkTime.ToNewYork(time).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string StatusName(MarketStatus status) => status switch
    {
        MarketStatus.PreMarket => "pre-market",
        MarketStatus.Regular => "regular",
        MarketStatus.AfterHours => "after-hours",
        _ => "closed",
    };

    private static void WriteCandleFields(Utf8JsonWriter w, Candle candle, AverageNames names)
    {
        WriteBarFields(w, candle.Bar);
        w.WriteString("market_status", StatusName(candle.Status));
        WriteNullable(w, AtrName, candle.Atr);
        WriteNullable(w, RsiName, candle.Rsi);
        WriteNullable(w, names.Short, candle.MaShort);
        WriteNullable(w, names.Medium, candle.MaMedium);
        WriteNullable(w, names.Long, candle.MaLong);
    }

    /// <summary>The encoded names of these periods; made anew only when they differ from the last ones (a reference swap, no lock).</summary>
    private AverageNames NamesOf(MovingAveragePeriods averages)
    {
        var names = _averageNames;
        return names?.Periods == averages ? names : _averageNames = new AverageNames(averages);
    }

    private sealed class AverageNames(MovingAveragePeriods periods)
    {
        public MovingAveragePeriods Periods { get; } = periods;
        public JsonEncodedText Short { get; } = JsonEncodedText.Encode($"MA{periods.Short}");
        public JsonEncodedText Medium { get; } = JsonEncodedText.Encode($"MA{periods.Medium}");
        public JsonEncodedText Long { get; } = JsonEncodedText.Encode($"MA{periods.Long}");
    }

    private static void WriteBarFields(Utf8JsonWriter w, Bar bar)
    {
        Span<byte> timestamp = stackalloc byte[NewYorkTimestamp.MaxBytes];
        w.WriteString(TimestampName, timestamp[..NewYorkTimestamp.Write(bar.Time, timestamp)]);
        w.WriteNumber("open", bar.Open);
        w.WriteNumber("high", bar.High);
        w.WriteNumber("low", bar.Low);
        w.WriteNumber("close", bar.Close);
        w.WriteNumber("volume", bar.Volume);
    }

    private static void WriteNullable(Utf8JsonWriter w, JsonEncodedText name, double? value)
    {
        if (value is double v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    /// <summary>
    /// Writes into this thread's reusable buffer and writer, then copies out the result: a 100-bar history is about
    /// 30 KB, and growing a fresh buffer to that size by doubling allocated twice as much again per response.
    /// </summary>
    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = _writer ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        write(writer);
        writer.Flush();
        var result = buffer.WrittenSpan.ToArray();
        // Do not keep a huge buffer (a 10,000-bar history) alive per thread.
        if (buffer.Capacity > MaxRetainedBytes) (_buffer, _writer) = (null, null);
        return result;
    }

    private const int MaxRetainedBytes = 256 * 1024;
    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static Utf8JsonWriter? _writer;
}
