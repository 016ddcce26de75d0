using System.Text.Json;
using OrleansMarketData.Client.Json;

namespace OrleansMarketData.Client.Streaming;

/// <summary>
/// What a stream has yielded so far, by its last candle: after a reconnect the history is read again and only
/// candles newer than that one, or that one changed, are yielded, so a caller sees each candle once and in order.
/// One stream's state, used by its single reader.
/// </summary>
internal sealed class Resync
{
    private Candle? _last;

    /// <summary>The updates one message of the socket gives: the history's or a live bar's; none for others.</summary>
    public IReadOnlyList<CandleUpdate> Apply(JsonElement message)
    {
        var type = message.TryGetProperty("type", out var t) ? t.GetString() : null;
        var symbol = message.TryGetProperty("symbol", out var s) ? s.GetString() ?? "" : "";
        var timeframe = message.TryGetProperty("timeframe", out var f) ? f.GetString() ?? "" : "";
        var updates = new List<CandleUpdate>();
        switch (type)
        {
            case "historical" when _last is null:
                foreach (var bar in message.GetProperty("data").EnumerateArray())
                {
                    var candle = WireJson.Candle(bar);
                    updates.Add(new CandleUpdate(symbol, timeframe, candle, IsHistory: true, Replaces: false));
                    _last = candle;
                }
                break;
            case "historical":
                foreach (var bar in message.GetProperty("data").EnumerateArray()) Add(updates, symbol, timeframe, WireJson.Candle(bar));
                break;
            case "bar":
                Add(updates, symbol, timeframe, WireJson.Candle(message));
                break;
        }
        return updates;
    }

    private void Add(List<CandleUpdate> updates, string symbol, string timeframe, Candle candle)
    {
        if (_last is { } last && (candle.Timestamp < last.Timestamp || candle.SameAs(last))) return;
        updates.Add(new CandleUpdate(symbol, timeframe, candle, IsHistory: false, Replaces: candle.Timestamp == _last?.Timestamp));
        _last = candle;
    }
}
