using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Bench;

/// <summary>
/// The body of <c>GET /api/symbols/{symbol}/historical?limit=100</c> and of the socket's first message: 100
/// candles with indicators, written by <see cref="CandleJson"/>.
/// </summary>
[MemoryDiagnoser]
public class HistoryJsonBenchmarks
{
    private readonly CandleJson _json = new(Options.Create(new IndicatorSettings()));
    private IReadOnlyList<Candle> _candles = [];

    [Params(100)]
    public int Bars { get; set; }

    [GlobalSetup]
    public void Load()
    {
        var series = new CandleSeries(Timeframe.Minute1, Bars, new IndicatorSettings(), MinuteBars.Calendar);
        series.Load(MinuteBars.Generate(Bars + series.Capacity), holdsFullHistory: false);
        _candles = series.Newest(Bars);
        if (_candles.Count != Bars) throw new InvalidOperationException($"expected {Bars} candles, got {_candles.Count}");
    }

    [Benchmark(Description = "historical response JSON")]
    public int HistoricalResponse() => _json.History("AAPL", Timeframe.Minute1, _candles, asMessage: false).Length;

    [Benchmark(Description = "socket bar message JSON")]
    public int BarMessage() => _json.BarMessage("AAPL", Timeframe.Minute1, _candles[^1]).Length;
}
