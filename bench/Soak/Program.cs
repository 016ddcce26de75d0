// A soak run against a running cluster: N WebSocket clients over S symbols for a fixed time, with churn, each
// checking the continuity of its 1-minute bars, while the resident memory of every silo and gateway is sampled.
// bench/soak.sh starts the cluster, restarts one silo half-way and calls this; every phase has a deadline.
using OrleansMarketData.Bench.Soak;

SoakOptions options;
try
{
    options = SoakOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var timeline = new SimulatedTimeline(options.Start, options.Anchor, options.Speed);
var minutes = new TradingMinutes();
var runStart = DateTimeOffset.UtcNow;
var tally = new ContinuityTally();
var run = new SoakRun(options, minutes, timeline, tally);
using var stopSampling = new CancellationTokenSource();
MemorySampler? sampler = null;
var sampling = Task.CompletedTask;

await run.RunAsync(ready: () =>
{
    Console.Error.WriteLine($"soak: {tally.Opened} clients connected ({tally.ConnectFailures} failed); load runs {options.DurationSeconds:F0} s");
    runStart = DateTimeOffset.UtcNow;
    tally.RunStart = runStart;
    if (options.ReadyFile is { } ready) File.WriteAllText(ready, runStart.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
    if (options.StateFile is { } state)
    {
        sampler = new MemorySampler(state, TimeSpan.FromSeconds(options.SampleEverySeconds), runStart);
        sampling = sampler.RunAsync(stopSampling.Token);
    }
});
var runEnd = DateTimeOffset.UtcNow;
await stopSampling.CancelAsync();
await sampling;

var machine = options.MachineFile is { } m && File.Exists(m) ? File.ReadAllText(m) : $"{Environment.ProcessorCount} cores";
var report = new SoakReport(options, timeline, runStart, runEnd);
var text = report.Write(tally, run.WarmUp, run.Probes, sampler?.Samples ?? [], RestartEvents.Read(options.EventsFile), machine);
Console.WriteLine(text);
if (options.ReportFile is { } path) File.WriteAllText(path, text);
return report.Passed(tally) ? 0 : 1;
