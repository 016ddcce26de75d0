using BenchmarkDotNet.Attributes;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Bench;

/// <summary>
/// The body of <c>GET /api/symbols/{symbol}/historical?limit=100</c> and of the socket's first message: 100
/// candles with indicators, written by <see cref="CandleJson"/>.
/// </summary>
[MemoryDiagnoser, ShortRunJob]
public class HistoryJsonBenchmarks
{
    private static readonly MovingAveragePeriods Averages = new(40, 80, 160);
    private readonly CandleJson _json = new();
    private IReadOnlyList<Candle> _candles = [];
    private IReadOnlyList<Candle> _other = [];
    private bool _flip;

    [Params(100)]
    public int Bars { get; set; }

    [GlobalSetup]
    public void Load()
    {
        var series = new CandleSeries(Timeframe.Minute1, Bars, new IndicatorOptions(), MinuteBars.Calendar);
        series.Load(MinuteBars.Generate(Bars + series.Capacity), holdsFullHistory: false);
        _candles = series.Newest(Bars);
        if (_candles.Count != Bars) throw new InvalidOperationException($"expected {Bars} candles, got {_candles.Count}");
        // Equal values, other objects: alternating the two defeats the gateway's reuse of an unchanged history.
        _other = _candles.Select(c => c with { }).ToList();
    }

    /// <summary>Writing the JSON: what every request cost before unchanged histories were reused.</summary>
    [Benchmark(Description = "historical response JSON (written)")]
    public int HistoricalResponse() => _json.History("AAPL", Timeframe.Minute1, (_flip = !_flip) ? _candles : _other, Averages, asMessage: false).Length;

    /// <summary>The same candles as the previous request: the message is reused (see HistoryJsonCache).</summary>
    [Benchmark(Description = "historical response JSON (unchanged, reused)")]
    public int HistoricalResponseReused() => _json.History("AAPL", Timeframe.Minute1, _candles, Averages, asMessage: false).Length;

    [Benchmark(Description = "socket bar message JSON")]
    public int BarMessage() => _json.BarMessage("AAPL", Timeframe.Minute1, _candles[^1], Averages).Length;
}
