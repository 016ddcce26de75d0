using System.Globalization;
using System.Text.Json;
using OrleansMarketData.Bench.Load;

// Opens N WebSocket clients across S symbols against a running gateway (or the baseline broadcaster), on /ws/candles or
// the Alpaca stream (bars, quotes or trades), and reports delivered messages, messages/s, emit-to-receipt latency and the CPU time per delivered
// message of the server (--pid) and of the load generator itself. Every phase has a deadline, so a run always ends.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var c = CultureInfo.InvariantCulture;
if (options.Activate > 0)
{
    var before = options.Pid is { } p0 ? ProcessMemory.ResidentBytes(p0) : null;
    var symbols = options.Symbols.Take(options.Activate).ToArray();
    var result = await SymbolActivator.ActivateAsync(options.Url, symbols, concurrency: 16, TimeSpan.FromMinutes(5), options.KeyQuery);
    await Task.Delay(TimeSpan.FromSeconds(3)); // let the last loads finish and the heap settle
    var after = options.Pid is { } p1 ? ProcessMemory.ResidentBytes(p1) : null;
    var perSymbol = before is { } b && after is { } a && result.Ok > 0 ? (a - b) / (double)result.Ok : double.NaN;
    Console.WriteLine(string.Create(c,
        $"[{options.Label}] activated {result.Ok}/{result.Requested} symbols in {result.Seconds:F1} s ({result.Ok / result.Seconds:F0}/s), failed {result.Failed}{(result.FirstError is null ? "" : $" ({result.FirstError})")}"));
    if (before is not null && after is not null)
        Console.WriteLine(string.Create(c, $"[{options.Label}] resident memory {before / 1048576.0:F0} MB -> {after / 1048576.0:F0} MB: {perSymbol / 1024:F1} KB per activated symbol"));
    if (options.JsonPath is { } path && options.ActivateOnly)
        File.WriteAllText(path, JsonSerializer.Serialize(
            new { options.Label, result, RssBefore = before, RssAfter = after, BytesPerSymbol = double.IsFinite(perSymbol) ? perSymbol : (double?)null }));
    if (options.ActivateOnly) return result.Failed == 0 ? 0 : 1;
}

var timeline = new SimulatedTimeline(options.Start, options.Anchor, options.Speed);
var run = new LoadRun(timeline);
using var stop = new CancellationTokenSource();
var clients = Enumerable.Range(0, options.Clients).Select(LoadClient (i) => options.Protocol == LoadProtocol.Candles
    ? new CandleClient(options.Symbols[i % options.Symbols.Count], run)
    : new AlpacaClient(options.SymbolsOf(i), run, options.Protocol == LoadProtocol.AlpacaMsgPack, options.Channel)).ToArray();

// Connect with a bounded number of handshakes in flight; each connected client starts reading at once.
var connectWatch = System.Diagnostics.Stopwatch.StartNew();
using (var connectDeadline = new CancellationTokenSource(TimeSpan.FromMinutes(4)))
{
    var receiving = new List<Task>(clients.Length);
    await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = options.ConnectConcurrency },
        async (client, _) =>
        {
            await client.ConnectAsync(options.Url, options, connectDeadline.Token);
            if (client.Connected) lock (receiving) receiving.Add(Task.Run(() => client.ReceiveAsync(stop.Token)));
        });
}
var connectSeconds = connectWatch.Elapsed.TotalSeconds;
var connected = clients.Count(x => x.Connected);
Console.WriteLine(string.Create(c, $"[{options.Label}] {connected}/{clients.Length} clients connected in {connectSeconds:F1} s"));

// Measure over whole emit instants: open the window after the warm-up (and not before --measure-from), close it after
// the duration, then give bars emitted just before the end a grace period to arrive. CPU times are sampled at the
// window's two ends.
var from = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(options.WarmupSeconds);
if (options.MeasureFrom is { } marketFrom && timeline.WallTimeOf(marketFrom) > from) from = timeline.WallTimeOf(marketFrom);
var to = from + TimeSpan.FromSeconds(options.DurationSeconds);
if (options.MeasureUntil is { } marketUntil && timeline.WallTimeOf(marketUntil) < to) to = timeline.WallTimeOf(marketUntil);
if (to - from < TimeSpan.FromSeconds(1))
{
    Console.Error.WriteLine(string.Create(c, $"[{options.Label}] no window left before --measure-until: the clients connected too late"));
    to = from + TimeSpan.FromSeconds(1);
}
var windowSeconds = (to - from).TotalSeconds;
run.OpenWindow(from, to);
var cpu = new CpuWindow(options.Pid, run);
await DelayUntil(from);
cpu.Open();
await DelayUntil(to);
cpu.Close();
await Task.Delay(TimeSpan.FromSeconds(3));
var messagesAtEnd = run.Messages;
var bytesAtEnd = run.Bytes;
var lost = clients.Count(x => x.Connected && x.LostReason is not null);
await stop.CancelAsync();
foreach (var client in clients) client.Abort();

// Bars: every symbol has a bar each minute of a regular session. Quotes and trades: the simulator's tape per symbol.
var barsPerSymbol = timeline.BarsEmittedBetween(from, to).Count();
var tape = new ExpectedTape(timeline, options.Channel, options.SyntheticSymbols);
var tapePerSymbol = new Dictionary<string, long>();
long ExpectedOf(LoadClient client) => client.Subscribed.Sum(symbol => options.Channel == StreamChannel.Bars ? barsPerSymbol
    : tapePerSymbol.TryGetValue(symbol, out var n) ? n : tapePerSymbol[symbol] = tape.Count(symbol, from, to));
var present = clients.Where(x => x.Connected).ToArray();
var delivered = present.Sum(x => Interlocked.Read(ref x.DeliveredInWindow));
var expected = present.Sum(ExpectedOf);
var report = new LoadReport(
    options.Label,
    options.Clients,
    options.Symbols.Count,
    connected,
    clients.Length - connected,
    connectSeconds,
    windowSeconds,
    expected,
    delivered,
    expected == 0 ? double.NaN : 100.0 * delivered / expected,
    run.BarsInWindow / windowSeconds,
    messagesAtEnd == 0 ? 0 : bytesAtEnd / (double)messagesAtEnd,
    run.Latency.PercentileMs(0.50),
    run.Latency.PercentileMs(0.99),
    run.Latency.MaxMs,
    run.SlowestByMarkMs,
    run.Latency.Negative,
    present.Count(x => Interlocked.Read(ref x.DeliveredInWindow) < ExpectedOf(x)),
    lost,
    present.Sum(x => Interlocked.Read(ref x.RepeatedBars)),
    clients.Select(x => x.ConnectError ?? x.LostReason).FirstOrDefault(e => e is not null),
    options.Channel == StreamChannel.Bars ? options.ProtocolName : $"{options.ProtocolName} {options.Channel.Key()} x {options.SymbolsPerClient}",
    cpu.Bars,
    cpu.Bars / cpu.WallSeconds,
    cpu.ServerSeconds ?? double.NaN,
    cpu.PerMessageUs(cpu.ServerSeconds),
    cpu.Cores(cpu.ServerSeconds),
    cpu.LoadSeconds,
    cpu.PerMessageUs(cpu.LoadSeconds),
    cpu.Cores(cpu.LoadSeconds),
    Environment.ProcessorCount);
report.Print();
if (options.JsonPath is { } json) report.Write(json);
return 0;

static async Task DelayUntil(DateTimeOffset instant)
{
    var wait = instant - DateTimeOffset.UtcNow;
    if (wait > TimeSpan.Zero) await Task.Delay(wait);
}
