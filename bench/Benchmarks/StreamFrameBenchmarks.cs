using BenchmarkDotNet.Attributes;
using OrleansMarketData.Gateway.AlpacaApi.Stream;
using OrleansMarketData.Model;

namespace OrleansMarketData.Bench;

/// <summary>
/// The Alpaca-protocol frames of the <c>/v2/{feed}</c> stream, as <see cref="StreamFrames"/> writes them: one
/// symbol's minute bar with its daily bar (what each live batch sends), and a catch-up batch of 100 minute bars.
/// </summary>
[MemoryDiagnoser, ShortRunJob]
public class StreamFrameBenchmarks
{
    private StreamBar[] _live = [];
    private StreamBar[] _catchUp = [];

    [GlobalSetup]
    public void Load()
    {
        var minutes = MinuteBars.Generate(100);
        _live = [new StreamBar('b', minutes[^1]), new StreamBar('d', minutes[^1] with { Time = minutes[^1].Time.Date })];
        _catchUp = minutes.Select(m => new StreamBar('b', m)).ToArray();
    }

    [Benchmark(Description = "stream frame JSON: minute + daily bar")]
    public int LiveJson() => StreamFrames.Json.Bars("AAPL", _live).Length;

    [Benchmark(Description = "stream frame msgpack: minute + daily bar")]
    public int LiveMsgPack() => StreamFrames.MsgPack.Bars("AAPL", _live).Length;

    [Benchmark(Description = "stream frame JSON: 100 minute bars")]
    public int CatchUpJson() => StreamFrames.Json.Bars("AAPL", _catchUp).Length;

    [Benchmark(Description = "stream frame msgpack: 100 minute bars")]
    public int CatchUpMsgPack() => StreamFrames.MsgPack.Bars("AAPL", _catchUp).Length;
}
