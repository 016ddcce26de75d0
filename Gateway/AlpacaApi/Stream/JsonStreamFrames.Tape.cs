using System.Buffers;
using System.Text.Json;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>Trades, quotes and statuses as JSON, with Alpaca's field names (docs/alpaca-compatibility.md).</summary>
public sealed partial class JsonStreamFrames
{
    public override byte[] Tape(IReadOnlyList<TapeEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(160 * events.Count);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartArray();
            foreach (var message in events)
            {
                w.WriteStartObject();
                if (message.Trade is { } trade) WriteTrade(w, message.Symbol, trade);
                else if (message.Quote is { } quote) WriteQuote(w, message.Symbol, quote);
                else if (message.Status is { } status) WriteStatus(w, message.Symbol, status);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteTrade(Utf8JsonWriter w, string symbol, Trade trade)
    {
        w.WriteString("T", "t");
        w.WriteString("S", symbol);
        w.WriteNumber("i", trade.Id);
        w.WriteString("x", trade.Exchange);
        w.WriteNumber("p", trade.Price);
        w.WriteNumber("s", trade.Size);
        WriteConditions(w, trade.Conditions);
        w.WriteString("t", Rfc3339Nanos(trade.Time));
        w.WriteString("z", trade.Tape);
    }

    private static void WriteQuote(Utf8JsonWriter w, string symbol, Quote quote)
    {
        w.WriteString("T", "q");
        w.WriteString("S", symbol);
        w.WriteString("bx", quote.BidExchange);
        w.WriteNumber("bp", quote.BidPrice);
        w.WriteNumber("bs", quote.BidSize);
        w.WriteString("ax", quote.AskExchange);
        w.WriteNumber("ap", quote.AskPrice);
        w.WriteNumber("as", quote.AskSize);
        WriteConditions(w, quote.Conditions);
        w.WriteString("t", Rfc3339Nanos(quote.Time));
        w.WriteString("z", quote.Tape);
    }

    private static void WriteStatus(Utf8JsonWriter w, string symbol, TradingStatus status)
    {
        w.WriteString("T", "s");
        w.WriteString("S", symbol);
        w.WriteString("sc", status.StatusCode);
        w.WriteString("sm", status.StatusMessage);
        w.WriteString("rc", status.ReasonCode);
        w.WriteString("rm", status.ReasonMessage);
        w.WriteString("t", Rfc3339Nanos(status.Time));
        w.WriteString("z", status.Tape);
    }

    private static void WriteConditions(Utf8JsonWriter w, IReadOnlyList<string> conditions)
    {
        w.WriteStartArray("c");
        foreach (var condition in conditions) w.WriteStringValue(condition);
        w.WriteEndArray();
    }
}
