using BenchmarkDotNet.Attributes;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Bench;

/// <summary>
/// One live 1-minute bar through a symbol's whole update: the 1-minute series and the 5Min/15Min/1Hour/1Day
/// buckets (<see cref="SymbolHistory.Apply"/>), each with ATR, RSI and three SMAs. Target: ≤ 100 ns, 0 B per bar.
/// Each iteration starts from a history that already holds <see cref="WarmBars"/> minutes (full caches, so trimming
/// the oldest bar into the indicator checkpoint is part of the measured cost) and applies the next <see cref="BarsPerIteration"/> minutes.
/// </summary>
[MemoryDiagnoser]
public class SymbolUpdateBenchmarks
{
    public const int BarsPerIteration = 50_000;
    private const int WarmBars = 20_000;
    private readonly IndicatorSettings _settings = new();
    private Bar[] _bars = [];
    private SymbolHistory _history = null!;
    private IndicatorSet _indicators = null!;
    private int _next;

    [GlobalSetup]
    public void Generate() => _bars = MinuteBars.Generate(WarmBars + BarsPerIteration);

    [IterationSetup]
    public void Warm()
    {
        _history = new SymbolHistory(new HistoryDepth(), _settings, MinuteBars.Calendar);
        _indicators = new IndicatorSet(_settings);
        for (var i = 0; i < WarmBars; i++)
        {
            _history.Apply(_bars[i]);
            _indicators.Add(_bars[i]);
        }
        _next = WarmBars;
    }

    /// <summary>The product path: aggregation into all five timeframes plus the indicators of each.</summary>
    [Benchmark(Description = "SymbolHistory.Apply (5 timeframes)"), InvocationCount(BarsPerIteration)]
    public int ApplyMinute() => _history.Apply(_bars[_next++]).Count;

    /// <summary>
    /// The product path with its publish: <see cref="SymbolHistory.Apply"/> plus the candle batch a symbol grain
    /// sends to the gateways (the batch itself is allocated, so this one cannot be 0 B).
    /// </summary>
    [Benchmark(Description = "Apply + publish batch (5 timeframes)"), InvocationCount(BarsPerIteration)]
    public int ApplyAndBatch()
    {
        var changes = _history.Apply(_bars[_next++]);
        return changes.IsEmpty ? 0 : new CandleBatch("AAPL", _next, _history.NewestCandles(changes), 1, _next - 1).Updates.Count;
    }

    /// <summary>The indicator engine alone, for one timeframe: ATR, RSI, three SMAs.</summary>
    [Benchmark(Description = "IndicatorSet.Add (1 timeframe)"), InvocationCount(BarsPerIteration)]
    public double? AddIndicators() => _indicators.Add(_bars[_next++]).MaLong;

    /// <summary>A forming bar revised in place (what a 5Min..1Day series does for each minute within its bucket).</summary>
    [Benchmark(Description = "IndicatorSet.Revise (1 timeframe)"), InvocationCount(BarsPerIteration)]
    public double? ReviseIndicators() => _indicators.Revise(_bars[_next++]).MaLong;
}
