using BenchmarkDotNet.Attributes;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Bench;

/// <summary>
/// One live 1-minute bar through a symbol's whole update: the 1-minute series and the 5Min/15Min/1Hour/1Day
/// buckets (<see cref="SymbolHistory.Apply(in CandleRow)"/>), each with ATR, RSI and three SMAs. Target: ≤ 100 ns,
/// 0 B per bar. The history is loaded as a symbol grain loads it (every timeframe's served bars plus the indicator
/// warm-up, so the caches are full and each new bar pushes the oldest into the indicator checkpoint), then takes the
/// minutes that follow it, <see cref="BarsPerIteration"/> per iteration, one long live session across iterations.
/// </summary>
/// <remarks>
/// bench/run.sh runs it with <c>DOTNET_TC_CallCountingDelayMs=0</c>: the runtime otherwise compiles a method's optimised
/// tier only after 100 ms with no new code compiled, which the few warm-ups of a short job did not always give, and
/// then measured unoptimised code (the indicator rows took 90 and 43 ns instead of 20 and 9). Fifteen iterations
/// instead of a short job's three (a second in all): on this shared machine three iterations of one run could all land
/// in a slow spell, and the mean of one run moved by a quarter from run to run.
/// </remarks>
[MemoryDiagnoser, IterationCount(15)]
public class SymbolUpdateBenchmarks
{
    public const int BarsPerIteration = 200_000;
    /// <summary>Minutes generated; when the iterations have used them all, the history is loaded again.</summary>
    private const int Minutes = 6 * BarsPerIteration;
    private readonly IndicatorSettings _settings = new();
    private CandleRow[] _minutes = [];
    private SymbolHistory _history = null!;
    private IndicatorSet _indicators = null!;
    private int _next;

    [GlobalSetup]
    public void Generate() => _minutes = MinuteBars.Generate(Minutes).Select(CandleRow.Of).ToArray();

    [IterationSetup]
    public void LoadWhenNeeded()
    {
        if (_history is not null && _next + BarsPerIteration <= _minutes.Length) return;
        _history = MinuteBars.LoadHistory(_minutes[0].Time, _settings);
        _indicators = new IndicatorSet(_settings);
        for (var i = 0; i < 500; i++) _indicators.Advance(_minutes[i].High, _minutes[i].Low, _minutes[i].Close);
        _next = 0;
    }

    /// <summary>The product path: aggregation into all five timeframes plus the indicators of each.</summary>
    [Benchmark(Description = "SymbolHistory.Apply (5 timeframes)"), InvocationCount(BarsPerIteration)]
    public int ApplyMinute() => _history.Apply(_minutes[_next++]).Count;

    /// <summary>
    /// The product path with its publish: <see cref="SymbolHistory.Apply(in CandleRow)"/> plus the candle batch a
    /// symbol grain sends to the gateways (the batch itself is allocated, so this one cannot be 0 B).
    /// </summary>
    [Benchmark(Description = "Apply + publish batch (5 timeframes)"), InvocationCount(BarsPerIteration)]
    public int ApplyAndBatch()
    {
        var changes = _history.Apply(_minutes[_next++]);
        return changes.IsEmpty ? 0 : new CandleBatch("AAPL", _next, _history.NewestCandles(changes), 1, _next - 1).Updates.Count;
    }

    /// <summary>The indicator engine alone, for one timeframe: ATR, RSI, three SMAs of a new bar.</summary>
    [Benchmark(Description = "IndicatorSet.Add (1 timeframe)"), InvocationCount(BarsPerIteration)]
    public double AddIndicators()
    {
        ref readonly var bar = ref _minutes[_next++];
        _indicators.Add(bar.High, bar.Low, bar.Close, out var values);
        return values.MaLong;
    }

    /// <summary>A forming bar revised in place (what a 5Min..1Day series does for each minute within its bucket).</summary>
    [Benchmark(Description = "IndicatorSet.Revise (1 timeframe)"), InvocationCount(BarsPerIteration)]
    public double ReviseIndicators()
    {
        ref readonly var bar = ref _minutes[_next++];
        _indicators.Revise(bar.High, bar.Low, bar.Close, out var values);
        return values.MaLong;
    }
}
