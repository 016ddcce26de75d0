using System.Buffers;
using MessagePack;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>
/// Trades, quotes and statuses as msgpack: <c>T</c> first, <c>t</c> as the timestamp extension (nanoseconds), as
/// Alpaca sends them (docs/alpaca-compatibility.md).
/// </summary>
public sealed partial class MsgPackStreamFrames
{
    public override byte[] Tape(IReadOnlyList<TapeEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(128 * events.Count);
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(events.Count);
        foreach (var message in events)
        {
            if (message.Trade is { } trade) WriteTrade(ref w, message.Symbol, trade);
            else if (message.Quote is { } quote) WriteQuote(ref w, message.Symbol, quote);
            else WriteStatus(ref w, message.Symbol, message.Status!);
        }
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteTrade(ref MessagePackWriter w, string symbol, Trade trade)
    {
        w.WriteMapHeader(9);
        w.Write("T");
        w.Write("t");
        w.Write("S");
        w.Write(symbol);
        w.Write("i");
        w.Write(trade.Id);
        w.Write("x");
        w.Write(trade.Exchange);
        w.Write("p");
        w.Write(trade.Price);
        w.Write("s");
        w.Write(trade.Size);
        WriteConditions(ref w, trade.Conditions);
        w.Write("t");
        w.Write(trade.Time.UtcDateTime);
        w.Write("z");
        w.Write(trade.Tape);
    }

    private static void WriteQuote(ref MessagePackWriter w, string symbol, Quote quote)
    {
        w.WriteMapHeader(11);
        w.Write("T");
        w.Write("q");
        w.Write("S");
        w.Write(symbol);
        w.Write("bx");
        w.Write(quote.BidExchange);
        w.Write("bp");
        w.Write(quote.BidPrice);
        w.Write("bs");
        w.Write(quote.BidSize);
        w.Write("ax");
        w.Write(quote.AskExchange);
        w.Write("ap");
        w.Write(quote.AskPrice);
        w.Write("as");
        w.Write(quote.AskSize);
        WriteConditions(ref w, quote.Conditions);
        w.Write("t");
        w.Write(quote.Time.UtcDateTime);
        w.Write("z");
        w.Write(quote.Tape);
    }

    private static void WriteStatus(ref MessagePackWriter w, string symbol, TradingStatus status)
    {
        w.WriteMapHeader(8);
        w.Write("T");
        w.Write("s");
        w.Write("S");
        w.Write(symbol);
        w.Write("sc");
        w.Write(status.StatusCode);
        w.Write("sm");
        w.Write(status.StatusMessage);
        w.Write("rc");
        w.Write(status.ReasonCode);
        w.Write("rm");
        w.Write(status.ReasonMessage);
        w.Write("t");
        w.Write(status.Time.UtcDateTime);
        w.Write("z");
        w.Write(status.Tape);
    }

    private static void WriteConditions(ref MessagePackWriter w, IReadOnlyList<string> conditions)
    {
        w.Write("c");
        w.WriteArrayHeader(conditions.Count);
        foreach (var condition in conditions) w.Write(condition);
    }
}
