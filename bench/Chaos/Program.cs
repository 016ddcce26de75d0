// Fault injection against the local cluster of deploy/local-cluster.sh (redis, PostgreSQL, two silos, two gateways,
// nginx) on the fake Alpaca server, all on 127.0.0.1, while sockets follow symbols through the load balancer on
// /ws/candles and /v2/iex. Each fault is injected and healed in turn; afterwards every follower's 1-minute bars are
// checked for gaps and duplicates, per fault, and /api/health is read every second to see whether it showed the fault
// and when it was healthy again. Writes a markdown summary (bench/chaos.sh puts it in bench/CHAOS.md).
//
//   dotnet bench/Chaos/bin/Release/net10.0/OrleansMarketData.Bench.Chaos.dll [--symbols 10] [--herd 1000] [--output FILE]
using System.Net;
using System.Net.Sockets;
using OrleansMarketData.Bench.Chaos;
using OrleansMarketData.FakeAlpaca;

var symbolCount = Option("--symbols", 10);
var herdCount = Option("--herd", 1000);
var output = args.SkipWhile(a => a != "--output").Skip(1).FirstOrDefault();
var root = Root();
const string keyId = "chaos-key", secret = "chaos-secret-3e9d41";

await using var upstream = await FakeAlpacaServer.StartAsync();
var symbols = Enumerable.Range(0, symbolCount).Select(i => Name('C', i)).ToList();
var herdSymbols = Enumerable.Range(0, 100).Select(i => Name('H', i)).ToList();
// History ends 1,500 of each symbol's minutes before now: a minute is published every second, and every minute
// published stays in the past, whatever the hour.
var last = symbols.Concat(herdSymbols).ToDictionary(s => s, s => upstream.Market.MinutesBefore(s, upstream.Now, 1500)[0]);
foreach (var (symbol, minute) in last) upstream.Market.PublishUntil(symbol, minute.AddMinutes(1));
var lbPort = FreePort();
var settings = new Dictionary<string, string>
{
    ["SILOS"] = "2", ["GATEWAYS"] = "2", ["LB_PORT"] = lbPort.ToString(), ["SKIP_BUILD"] = "1", ["CONFIGURATION"] = "Release",
    ["UP_TIMEOUT"] = "180", ["CLIENT_KEY_ID"] = keyId, ["CLIENT_SECRET"] = secret,
    ["Cluster__ClusterId"] = "chaos-" + Guid.NewGuid().ToString("N")[..8],
    ["ALPACA_API_KEY"] = FakeAlpacaServer.KeyId, ["ALPACA_SECRET"] = FakeAlpacaServer.Secret,
    ["ALPACA_DATA_URL"] = upstream.BaseUrl.ToString(), ["ALPACA_BASE_URL"] = upstream.BaseUrl.ToString(), ["ALPACA_STREAM_URL"] = upstream.StreamUrl,
    ["Alpaca__MaxReconnectDelay"] = "00:00:02",
    ["MarketData__History__Minute1"] = "600", ["MarketData__History__Minute5"] = "50", ["MarketData__History__Minute15"] = "20",
    ["MarketData__History__Hour1"] = "20", ["MarketData__History__Day1"] = "20",
    ["ClientLimits__MaxSocketsPerClient"] = "0",
    ["Logging__LogLevel__Default"] = "Warning", ["Logging__LogLevel__OrleansMarketData"] = "Information",
};
await using var cluster = new ClusterProcesses(root, settings);
var lb = new Uri($"http://127.0.0.1:{lbPort}");
var ledger = new BarLedger();
Console.Error.WriteLine($"chaos: starting the local cluster in {cluster.RunDir}");
await cluster.UpAsync();
await using var health = new HealthWatch(lb, keyId, secret);
await using var followers = new Followers(lb, keyId, secret, ledger);
followers.Start(symbols, streamClients: 2);

using var stopPublishing = new CancellationTokenSource();
var publishing = Task.Run(async () =>
{
    while (!stopPublishing.IsCancellationRequested)
    {
        foreach (var symbol in last.Keys)
        {
            var next = upstream.Market.NextMinute(symbol, last[symbol]);
            upstream.Publish(symbol, next);
            ledger.Published(symbol, next);
            last[symbol] = next;
        }
        await Task.Delay(1000).ConfigureAwait(false);
    }
});

var runStart = DateTimeOffset.UtcNow;
await Task.Delay(TimeSpan.FromSeconds(30));
var results = new List<ScenarioResult>();
await using var herd = new HerdSockets(lb, keyId, secret);
string? herdNote = null;

var scenarios = new List<Scenario>
{
    new("No fault (30 s)", () => Task.Delay(TimeSpan.FromSeconds(30)), () => Task.CompletedTask, _ => true, "—"),
    new("Redis hung 25 s (SIGSTOP, then SIGCONT)",
        async () => { ClusterProcesses.Signal(await cluster.PidOfAsync("redis"), "STOP"); await Task.Delay(TimeSpan.FromSeconds(25)); },
        async () => ClusterProcesses.Signal(await cluster.PidOfAsync("redis"), "CONT"),
        s => !s.Healthy, "health not healthy or not answering"),
    new("Bar store stopped 20 s (PostgreSQL: pg_ctl stop -m fast, then start)",
        async () => { await cluster.PostgresAsync("stop -m fast"); await Task.Delay(TimeSpan.FromSeconds(20)); },
        () => cluster.PostgresAsync("start"),
        s => s.Store == "degraded", "store degraded"),
    new("Upstream REST answers 500 for 15 s, then holds each request 10 s for 20 s, during a backfill (stream dropped at the start)",
        async () =>
        {
            upstream.RestFaults.Fail = true;
            upstream.DropAllConnections();
            await Task.Delay(TimeSpan.FromSeconds(15));
            upstream.RestFaults.Fail = false;
            upstream.RestFaults.Hold = TimeSpan.FromSeconds(10);
            await Task.Delay(TimeSpan.FromSeconds(20));
        },
        () => { upstream.RestFaults.Hold = TimeSpan.Zero; return Task.CompletedTask; },
        s => s.BackfillPending, "backfill pending in last_error"),
    new("Upstream stream dropped in the middle of a backfill (REST held 3 s a request; dropped again 2 s after the first drop, then refused 8 s with 429)",
        async () =>
        {
            upstream.RestFaults.Hold = TimeSpan.FromSeconds(3);
            upstream.DropAllConnections();
            await Task.Delay(TimeSpan.FromSeconds(2));
            // Long enough to outlast health's sampling: a reconnect within a second or two shows nowhere.
            upstream.RefuseStreamUntil = upstream.Now.AddSeconds(8);
            upstream.DropAllConnections();
            await Task.Delay(TimeSpan.FromSeconds(10));
        },
        () => { upstream.RestFaults.Hold = TimeSpan.Zero; return Task.CompletedTask; },
        s => !s.Connected, "upstream not connected"),
    new("406 on reconnect (the dropped session held 20 s, as Alpaca holds a half-dead one)",
        async () =>
        {
            upstream.DroppedSessionHold = TimeSpan.FromSeconds(20);
            upstream.DropAllConnections();
            await Task.Delay(TimeSpan.FromSeconds(25));
        },
        () => { upstream.DroppedSessionHold = TimeSpan.Zero; return Task.CompletedTask; },
        s => !s.Connected || s.Upstream.Contains("406"), "upstream not connected or 406"),
    new("kill -9 of the silo holding the feed (a new silo started 5 s later)",
        async () => await cluster.RestartAsync(await cluster.FeedSiloPidAsync(), "KILL", TimeSpan.FromSeconds(5)),
        () => Task.Delay(TimeSpan.FromSeconds(5)),
        s => !s.Healthy || s.Silos < 2, "not healthy or a silo missing"),
    new($"Gateway restart (SIGTERM, started again 2 s later) with {herdCount} more sockets on 100 symbols",
        async () =>
        {
            await herd.OpenAsync(herdSymbols, herdCount);
            var opened = DateTimeOffset.UtcNow;
            var ready = DateTime.UtcNow.AddSeconds(120);
            while (herd.WithHistorySince(opened.AddMinutes(-5)) < herdCount && DateTime.UtcNow < ready) await Task.Delay(500);
            var before = herd.WithHistorySince(opened.AddMinutes(-5));
            var restartAt = DateTimeOffset.UtcNow;
            await cluster.RestartAsync((await cluster.GatewayPidsAsync())[0], "TERM", TimeSpan.FromSeconds(2));
            var (closed, served, took) = await herd.ReconnectedAsync(restartAt, TimeSpan.FromSeconds(90));
            herdNote = $"{before} of {herdCount} herd sockets had their history before the restart; {closed} were closed by it, " +
                $"{served} of those had their history again {took.TotalSeconds:F1} s after the restart; error messages: {herd.Errors}";
        },
        () => Task.CompletedTask,
        // The load balancer sends /api/health to the gateway that is up: nothing to show.
        _ => true, "—"),
    new("Redis restarted (kill -9, started again 8 s later on its append-only file, as in docker-compose.yml)",
        () => cluster.RestartRedisAsync(TimeSpan.FromSeconds(8)),
        () => Task.Delay(TimeSpan.FromSeconds(5)),
        s => !s.Healthy, "health not healthy"),
};

foreach (var scenario in scenarios)
{
    Console.Error.WriteLine($"chaos: {scenario.Name}");
    var start = DateTimeOffset.UtcNow;
    string? extra = null;
    try
    {
        await scenario.InjectAsync();
        await scenario.HealAsync();
    }
    catch (Exception ex)
    {
        extra = $"the fault could not be run: {ex.Message}";
    }
    var healed = DateTimeOffset.UtcNow;
    var recovered = await health.RecoveredAsync(healed, TimeSpan.FromSeconds(120));
    await Task.Delay(TimeSpan.FromSeconds(10));
    if (scenario.Name.StartsWith("Gateway restart")) extra ??= herdNote;
    results.Add(new ScenarioResult(scenario, start, healed, DateTimeOffset.UtcNow, health.Between(start, healed), recovered, extra));
    Console.Error.WriteLine($"chaos:   healthy again {(recovered is { } r ? $"{(r - healed).TotalSeconds:F0} s after healing" : "never (120 s)")}");
}

// Backfills and reconnect histories have this long to deliver what they owe.
await stopPublishing.CancelAsync();
await publishing;
await Task.Delay(TimeSpan.FromSeconds(30));
await followers.DisposeAsync();

var lines = new List<string>
{
    $"Run {runStart:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores with `bash bench/chaos.sh` (bench/Chaos/Program.cs): the local cluster of",
    "deploy/local-cluster.sh (redis, PostgreSQL, 2 silos, 2 gateways, nginx) on the fake Alpaca server, all on 127.0.0.1.",
    $"Followers through nginx: one `/ws/candles/{{symbol}}?timeframe=1Min` socket for each of {symbolCount} symbols and two `/v2/iex`",
    $"clients subscribed to all their bars, reconnecting 0.5 s after a close; the upstream publishes a minute of each symbol every second.",
    "A gap is a published minute a follower never received (a `/ws/candles` follower may get it from a reconnect's history; a",
    "`/v2/iex` connection owes only the minutes published while it was open); a duplicate is a minute received twice with the",
    "same values on one connection. `/api/health` was read every second.",
    "",
    "| Fault | Gaps | Duplicates | Health during the fault | Healthy again after the fault ended |",
    "|---|---|---|---|---|",
};
var totalGaps = 0;
var totalDuplicates = 0;
var notes = new List<string>();
foreach (var result in results)
{
    var (gaps, duplicates, examples) = ledger.Check(result.Start, result.End, TimeSpan.FromSeconds(5));
    totalGaps += gaps;
    totalDuplicates += duplicates;
    var shown = result.Scenario.ReportedMeans == "—" ? "—" : $"{(result.Reported ? "showed it" : "**did not show it**")}: {result.Scenario.ReportedMeans} ({result.HealthSeen})";
    var again = result.RecoveredAt is { } at ? $"{Math.Max(0, (at - result.Healed).TotalSeconds):F0} s" : "**not within 120 s**";
    lines.Add($"| {result.Scenario.Name} | {gaps} | {duplicates} | {shown} | {again} |");
    if (examples.Count > 0) notes.Add($"- {result.Scenario.Name}: {string.Join("; ", examples)}");
    if (result.Extra is { } extra) notes.Add($"- {result.Scenario.Name}: {extra}");
}
lines.Add("");
lines.Add($"Total: {totalGaps} gaps, {totalDuplicates} duplicates; follower reconnects {followers.Reconnects}; upstream stream sessions at once, at most: {upstream.MaxConcurrentSessions}; 406 refusals: {upstream.ConnectionLimitRefusals}.");
lines.Add($"Verdict: zero gaps and zero duplicates across every fault: {(totalGaps == 0 && totalDuplicates == 0 ? "**met**" : "**not met**")}.");
if (notes.Count > 0)
{
    lines.Add("");
    lines.AddRange(notes);
}
var report = string.Join('\n', lines) + "\n";
Console.WriteLine(report);
if (output is not null) await File.WriteAllTextAsync(output, report);
return totalGaps == 0 && totalDuplicates == 0 ? 0 : 1;

int Option(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value) : fallback;

static string Name(char first, int index) => $"{first}{(char)('A' + index / 26 % 26)}{(char)('A' + index % 26)}";

static string Root()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "OrleansMarketData.sln"))) return dir.FullName;
    throw new InvalidOperationException("run from inside the repository");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
