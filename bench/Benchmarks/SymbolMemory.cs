using System.Diagnostics;
using System.Globalization;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Bench;

/// <summary>
/// Memory per active symbol, measured in-process without BenchmarkDotNet: loads N synthetic symbols exactly as a
/// symbol grain does (every timeframe's capacity of bars from the simulator, indicators computed), keeps them, and
/// divides the growth of the managed heap after a full collection by N. Also times the loads.
/// Usage: <c>Benchmarks --memory 5000 [Minute1 Minute5 Minute15 Hour1 Day1]</c>.
/// </summary>
public static class SymbolMemory
{
    public static int Run(string[] args)
    {
        var count = int.Parse(args[1], CultureInfo.InvariantCulture);
        var depths = args.Skip(2).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var depth = depths.Length == 5
            ? new HistoryOptions { Minute1 = depths[0], Minute5 = depths[1], Minute15 = depths[2], Hour1 = depths[3], Day1 = depths[4] }
            : new HistoryOptions();
        var settings = new IndicatorOptions();
        var market = new SimulatedMarket(MinuteBars.Calendar);
        var asOf = new DateTimeOffset(2025, 6, 10, 15, 0, 0, TimeSpan.Zero);
        var held = new SymbolHistory[count];

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        Parallel.For(0, count, i =>
        {
            var profile = SyntheticSymbols.Find(SyntheticSymbols.Name(i + 1), count)!;
            held[i] = MinuteBars.LoadHistory(market, profile, depth, settings, asOf);
        });
        var seconds = watch.Elapsed.TotalSeconds;
        // What a silo holds per symbol: the candle caches, plus the simulator's cache of completed daily bars.
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var candles = held.Sum(h => Timeframes.All.Sum(tf => h[tf].Count)) / (double)count;
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c,
            $"[memory] {count} symbols, depth 1Min {depth.Minute1} 5Min {depth.Minute5} 15Min {depth.Minute15} 1Hour {depth.Hour1} 1Day {depth.Day1} (+{settings.WarmupBars} warm-up bars each, loaded for the indicators but not cached)"));
        Console.WriteLine(string.Create(c, $"[memory] loaded in {seconds:F1} s ({count / seconds:F0} symbols/s on {Environment.ProcessorCount} cores); {candles:F0} cached candles per symbol"));
        Console.WriteLine(string.Create(c,
            $"[memory] managed heap per symbol: {(after - before) / 1024.0 / count:F1} KB (candle caches and the simulator's daily-bar cache, after a full collection)"));
        Console.WriteLine(string.Create(c, $"[memory] {(after - before) / (double)count / candles:F0} B per cached candle"));
        // The split: with the histories released, what remains is the simulator's cache.
        GC.KeepAlive(held);
        Array.Clear(held);
        var simulator = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(market);
        Console.WriteLine(string.Create(c,
            $"[memory] of which candle series {(after - before - simulator) / 1024.0 / count:F1} KB, simulator's daily-bar cache {simulator / 1024.0 / count:F1} KB"));
        return 0;
    }
}
