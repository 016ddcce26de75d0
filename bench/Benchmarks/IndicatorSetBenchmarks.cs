using BenchmarkDotNet.Attributes;
using OrleansMarketData.Indicators;

namespace OrleansMarketData.Bench;

/// <summary>
/// The indicator engine alone, for one timeframe (ATR, RSI, three SMAs): a new bar, and a forming bar revised in place
/// (what a 5Min..1Day series does for each minute within its bucket). A live minute takes six of these updates in
/// <see cref="SymbolUpdateBenchmarks"/>; bench/run.sh runs these with <c>DOTNET_TC_CallCountingDelayMs=0</c> too.
/// </summary>
[MemoryDiagnoser, ShortRunJob]
public class IndicatorSetBenchmarks
{
    private const int Bars = 50_000;
    private (double High, double Low, double Close)[] _prices = [];
    private IndicatorSet _indicators = null!;
    private int _next;

    [GlobalSetup]
    public void Generate()
    {
        _prices = MinuteBars.Generate(Bars).Select(b => (b.High, b.Low, b.Close)).ToArray();
        _indicators = new IndicatorSet(new IndicatorOptions());
        foreach (var (high, low, close) in _prices) _indicators.Advance(high, low, close);
    }

    [Benchmark(Description = "IndicatorSet.Add (1 timeframe)")]
    public double Add()
    {
        var (high, low, close) = Next();
        _indicators.Add(high, low, close, out var values);
        return values.MaLong;
    }

    [Benchmark(Description = "IndicatorSet.Revise (1 timeframe)")]
    public double Revise()
    {
        var (high, low, close) = Next();
        _indicators.Revise(high, low, close, out var values);
        return values.MaLong;
    }

    private (double High, double Low, double Close) Next()
    {
        if (_next == _prices.Length) _next = 0;
        return _prices[_next++];
    }
}
