using System.Text;
using System.Text.Json;
using OrleansMarketData.Gateway.AlpacaApi.Stream;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

public sealed class AlpacaSymbolListenerTests
{
    private static readonly DateTimeOffset Minute = new(2025, 3, 4, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day = new(2025, 3, 4, 5, 0, 0, TimeSpan.Zero);
    private static readonly MovingAveragePeriods Averages = new(40, 80, 160);
    private readonly List<byte[]> _sent = [];
    private readonly BatchMessages _messages = new("AAPL", new CandleJson());
    private StreamChannels _channels = StreamChannels.Empty;

    [Fact]
    public void A_new_minute_is_b_and_the_same_minute_again_is_u_with_the_daily_bar_beside_it()
    {
        Subscribe("""{"action":"subscribe","bars":["AAPL"],"updatedBars":["AAPL"],"dailyBars":["AAPL"]}""");
        var listener = Started(version: 10, lastMinute: Minute);

        listener.Deliver(Batch(11, (Timeframe.Minute1, Bar(Minute.AddMinutes(1), 101)), (Timeframe.Day1, Bar(Day, 99))), _messages);
        listener.Deliver(Batch(12, (Timeframe.Minute1, Bar(Minute.AddMinutes(1), 102))), _messages);
        listener.Deliver(Batch(12, (Timeframe.Minute1, Bar(Minute.AddMinutes(2), 103))), _messages);

        Assert.Equal(2, _sent.Count);
        Assert.Equal([("b", 101.0), ("d", 99.0)], Items(_sent[0]));
        Assert.Equal([("u", 102.0)], Items(_sent[1]));
    }

    [Fact]
    public void Channels_the_connection_left_send_nothing_and_batches_before_the_seam_are_skipped()
    {
        Subscribe("""{"action":"subscribe","updatedBars":["AAPL"]}""");
        var listener = Started(version: 10, lastMinute: Minute);

        listener.Deliver(Batch(9, (Timeframe.Minute1, Bar(Minute, 100))), _messages);
        listener.Deliver(Batch(11, (Timeframe.Minute1, Bar(Minute.AddMinutes(1), 101)), (Timeframe.Day1, Bar(Day, 99))), _messages);
        Assert.Empty(_sent);

        listener.Deliver(Batch(12, (Timeframe.Minute1, Bar(Minute.AddMinutes(1), 102))), _messages);
        Assert.Equal([("u", 102.0)], Items(Assert.Single(_sent)));
    }

    [Fact]
    public void Resync_sends_the_minutes_missed_since_the_last_one_seen()
    {
        Subscribe("""{"action":"subscribe","bars":["AAPL"],"updatedBars":["AAPL"]}""");
        var listener = Started(version: 10, lastMinute: Minute);

        var candles = new[] { Minute.AddMinutes(-1), Minute, Minute.AddMinutes(1), Minute.AddMinutes(2) }
            .Select((t, i) => Candle(Bar(t, i == 1 ? 100 : 200 + i))).ToList();
        listener.Resync(new HistorySnapshot(SymbolState.Ready, candles, 20, 1, Averages), _messages);

        // The older minute and the unchanged one already seen are skipped: only the two newer minutes go out.
        Assert.Equal([("b", 202.0), ("b", 203.0)], Items(Assert.Single(_sent)));
    }

    [Fact]
    public void A_batch_that_arrives_before_the_start_is_sent_after_it_when_newer_than_the_snapshot()
    {
        Subscribe("""{"action":"subscribe","bars":["AAPL"],"updatedBars":["AAPL"]}""");
        var listener = new AlpacaSymbolListener("AAPL", bytes => { _sent.Add(bytes); return true; }, StreamFrames.Json, () => _channels);

        // The subscription delivers to every listener it holds, started or not, and counts the batches received.
        listener.Deliver(Batch(10, (Timeframe.Minute1, Bar(Minute, 100))), _messages);
        listener.Deliver(Batch(11, (Timeframe.Minute1, Bar(Minute.AddMinutes(1), 101))), _messages);
        Assert.Empty(_sent);
        listener.Start(new HistorySnapshot(SymbolState.Ready, [Candle(Bar(Minute, 100))], 10, 1, Averages), _messages);

        Assert.Equal([("b", 101.0)], Items(Assert.Single(_sent)));
        Assert.True(listener.IsStarted);
    }

    private AlpacaSymbolListener Started(long version, DateTimeOffset lastMinute)
    {
        var listener = new AlpacaSymbolListener("AAPL", bytes => { _sent.Add(bytes); return true; }, StreamFrames.Json, () => _channels);
        Assert.False(listener.IsStarted);
        listener.Start(new HistorySnapshot(SymbolState.Ready, [Candle(Bar(lastMinute, 100))], version, 1, Averages), _messages);
        return listener;
    }

    private void Subscribe(string json)
    {
        var request = ClientRequest.Parse(Encoding.UTF8.GetBytes(json), msgpack: false)!;
        _channels = _channels.Apply(request, subscribe: true, maxSymbols: 10).Next!;
    }

    private static Bar Bar(DateTimeOffset time, double close) => new(time, close, close + 1, close - 1, close, 1000);

    private static Candle Candle(Bar bar) => new(bar, MarketStatus.Regular, null, null, null, null, null);

    private static CandleBatch Batch(long version, params (Timeframe Timeframe, Bar Bar)[] updates) =>
        new("AAPL", version, updates.Select(u => new TimeframeCandle(u.Timeframe, Candle(u.Bar))).ToList(), 1, version - 1, Averages);

    private static List<(string, double)> Items(byte[] frame)
    {
        using var document = JsonDocument.Parse(frame);
        return document.RootElement.EnumerateArray()
            .Select(item => (item.GetProperty("T").GetString()!, item.GetProperty("c").GetDouble())).ToList();
    }
}
