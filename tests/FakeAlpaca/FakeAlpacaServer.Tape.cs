using System.Globalization;

namespace OrleansMarketData.FakeAlpaca;

/// <summary>
/// Trades, quotes and statuses on the fake stream, with Alpaca's fields and nanosecond timestamps
/// (the fields of docs/alpaca-compatibility.md), sent to the sessions subscribed to them.
/// </summary>
public sealed partial class FakeAlpacaServer
{
    public void PublishTrade(string symbol, long id, double price, long size, DateTimeOffset time) =>
        SendTape("trades", symbol,
            $$"""{"T":"t","S":"{{symbol}}","i":{{id}},"x":"V","p":{{N(price)}},"s":{{size}},"c":["@"],"t":"{{Nanos(time)}}","z":"C"}""");

    public void PublishQuote(string symbol, double bid, long bidSize, double ask, long askSize, DateTimeOffset time) =>
        SendTape("quotes", symbol,
            $$"""{"T":"q","S":"{{symbol}}","bx":"V","bp":{{N(bid)}},"bs":{{bidSize}},"ax":"V","ap":{{N(ask)}},"as":{{askSize}},"c":["R"],"t":"{{Nanos(time)}}","z":"C"}""");

    public void PublishStatus(string symbol, string code, string message, string reasonCode, string reasonMessage, DateTimeOffset time) =>
        SendTape("statuses", symbol,
            $$"""{"T":"s","S":"{{symbol}}","sc":"{{code}}","sm":"{{message}}","rc":"{{reasonCode}}","rm":"{{reasonMessage}}","t":"{{Nanos(time)}}","z":"C"}""");

    /// <summary>The symbols some session holds on <paramref name="channel"/> (trades, quotes or statuses), as confirmed to it.</summary>
    public IReadOnlySet<string> SubscribedTo(string channel) =>
        _sessions.Keys.SelectMany(s => s.SubscribedTo(channel)).ToHashSet(StringComparer.Ordinal);

    private void SendTape(string channel, string symbol, string item)
    {
        foreach (var session in _sessions.Keys) session.SendTape(channel, symbol, item);
    }

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Nine fraction digits, as Alpaca sends: the seven of a tick and two more.</summary>
    private static string Nanos(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'13Z'", CultureInfo.InvariantCulture);
}
