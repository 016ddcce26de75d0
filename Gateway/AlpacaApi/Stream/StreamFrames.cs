using System.Globalization;
using System.Net.WebSockets;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>
/// Alpaca's stream framing: every frame is an array of maps with <c>T</c> first, as JSON text or msgpack, the same
/// arrays either way. The wire format is chosen per connection by the <c>Content-Type</c> of its upgrade request.
/// </summary>
public abstract class StreamFrames
{
    public static StreamFrames Json { get; } = new JsonStreamFrames();

    public static StreamFrames MsgPack { get; } = new MsgPackStreamFrames();

    /// <summary>msgpack when the upgrade request asked for <c>application/msgpack</c>, JSON otherwise.</summary>
    public static StreamFrames For(string? contentType) =>
        contentType?.Contains("msgpack", StringComparison.OrdinalIgnoreCase) == true ? MsgPack : Json;

    public abstract WebSocketMessageType MessageType { get; }

    public bool IsMsgPack => MessageType == WebSocketMessageType.Binary;

    /// <summary><c>[{"T":"success","msg":...}]</c></summary>
    public abstract byte[] Success(string message);

    /// <summary><c>[{"T":"error","code":...,"msg":...}]</c></summary>
    public abstract byte[] Error(StreamError error);

    /// <summary><c>[{"T":"subscription", ...every channel key...}]</c>: the whole current state.</summary>
    public abstract byte[] Subscription(StreamChannels channels);

    /// <summary>One frame of bars of one symbol.</summary>
    public abstract byte[] Bars(string symbol, IReadOnlyList<StreamBar> bars);

    /// <summary>One frame of tape messages: trades (<c>t</c>), quotes (<c>q</c>) and statuses (<c>s</c>), in order.</summary>
    public abstract byte[] Tape(IReadOnlyList<TapeEvent> events);

    /// <summary>The symbols of a confirmation key: corrections and cancelErrors mirror trades.</summary>
    protected static IReadOnlyList<string> ConfirmationList(StreamChannels channels, string key) =>
        channels[key is "corrections" or "cancelErrors" ? "trades" : key];

    /// <summary>RFC-3339 in UTC with no fraction, as Alpaca stamps bars.</summary>
    protected static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC-3339 in UTC with nine fraction digits, as Alpaca stamps trades, quotes and statuses (ticks are 100 ns).</summary>
    protected static string Rfc3339Nanos(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);
}
