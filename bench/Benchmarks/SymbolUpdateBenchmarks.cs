using BenchmarkDotNet.Attributes;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Bench;

/// <summary>
/// One live 1-minute bar through a symbol's whole update: the 1-minute series and the 5Min/15Min/1Hour/1Day
/// buckets (<see cref="SymbolHistory.Apply(in CandleRow, in TradeFields)"/>), each with ATR, RSI and three SMAs. Target: ≤ 100 ns,
/// 0 B per bar. The history is loaded as a symbol grain loads it (every timeframe's served bars plus the indicator
/// warm-up, so the caches are full and each new bar pushes the oldest into the indicator checkpoint), then takes the
/// minutes that follow it, <see cref="BarsPerIteration"/> per iteration, one long live session across iterations.
/// </summary>
/// <remarks>
/// It runs in five processes of five iterations each, and bench/run.sh reports the median. On the shared machine
/// these figures come from, one process's mean ranged from 88 to 140 ns for the same build: which of the two CPUs the
/// process ran on mattered (the same shell loop took up to 60 % longer on one than on the other, and which one
/// changed over the day), and within a process the figure held steady. It also runs with
/// <c>DOTNET_TC_CallCountingDelayMs=0</c>: the runtime otherwise compiles a method's optimised tier only after
/// 100 ms with no new code compiled, which the few warm-ups of a short job did not always give.
/// </remarks>
[MemoryDiagnoser, MinColumn, MedianColumn, MaxColumn, SimpleJob(launchCount: 5, warmupCount: 3, iterationCount: 5)]
public class SymbolUpdateBenchmarks
{
    public const int BarsPerIteration = 100_000;
    /// <summary>Minutes generated; when the iterations have used them all, the history is loaded again.</summary>
    private const int Minutes = 4 * BarsPerIteration;
    private readonly IndicatorOptions _settings = new();
    private readonly MovingAveragePeriods _averages = new(40, 80, 160);
    private CandleRow[] _minutes = [];
    /// <summary>The simulator's minutes carry no trade count or VWAP.</summary>
    private readonly TradeFields _trades = TradeFields.None;
    private SymbolHistory _history = null!;
    private int _next;

    [GlobalSetup]
    public void Generate() => _minutes = MinuteBars.Generate(Minutes).Select(CandleRow.Of).ToArray();

    [IterationSetup]
    public void LoadWhenNeeded()
    {
        if (_history is not null && _next + BarsPerIteration <= _minutes.Length) return;
        _history = MinuteBars.LoadHistory(_minutes[0].Time, _settings);
        _next = 0;
    }

    /// <summary>The product path: aggregation into all five timeframes plus the indicators of each.</summary>
    [Benchmark(Description = "SymbolHistory.Apply (5 timeframes)"), InvocationCount(BarsPerIteration)]
    public int ApplyMinute() => _history.Apply(_minutes[_next++], _trades).Count;

    /// <summary>
    /// The product path with its publish: <see cref="SymbolHistory.Apply(in CandleRow, in TradeFields)"/> plus the candle batch a
    /// symbol grain sends to the gateways (the batch itself is allocated, so this one cannot be 0 B).
    /// </summary>
    [Benchmark(Description = "Apply + publish batch (5 timeframes)"), InvocationCount(BarsPerIteration)]
    public int ApplyAndBatch()
    {
        var changes = _history.Apply(_minutes[_next++], _trades);
        return changes.IsEmpty ? 0 : new CandleBatch("AAPL", _next, _history.NewestCandles(changes), 1, _next - 1, _averages).Updates.Count;
    }
}
