// Measures how long the service on an Alpaca upstream takes to serve N active symbols again, history and live bars,
// after a restart: every silo of a Redis cluster killed with kill -9 and new ones started (the gateway left running),
// or a standalone gateway stopped and started again. The upstream is the fake Alpaca server on 127.0.0.1 with
// Alpaca's free-plan rate limit (200 requests a minute), so the figure includes the request budget's queueing; the
// bar store is a throw-away PostgreSQL (Debian's package) for a cluster, a SQLite file standalone, or none.
// MarketData__* variables in the environment (e.g. history depths) reach every process.
//
//   dotnet run --project bench/ClusterRestart -c Release -- [--mode cluster|standalone] [--store Postgres|Sqlite|None]
//     [--symbols 500] [--silos 2] [--configuration Release] [--deadline-minutes 10] [--output FILE]
using System.Globalization;
using OrleansMarketData.Bench.ClusterRestart;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Testing;

var options = RestartOptions.Parse(args);
var root = RestartOptions.RepositoryRoot();
await using var upstream = await FakeAlpacaServer.StartAsync();
upstream.RequestsPerMinute = 200;
// History ends an hour of the symbol's minutes before now: the minutes published live stay in the past, at any hour.
upstream.Market.DefaultCursor = upstream.Market.MinutesBefore("QAAA", upstream.Now, 60)[0];
var settings = new Dictionary<string, string>
{
    ["ALPACA_API_KEY"] = FakeAlpacaServer.KeyId,
    ["ALPACA_SECRET"] = FakeAlpacaServer.Secret,
    ["ALPACA_DATA_URL"] = upstream.BaseUrl.ToString(),
    ["ALPACA_BASE_URL"] = upstream.BaseUrl.ToString(),
    ["ALPACA_STREAM_URL"] = upstream.StreamUrl,
    ["ClientLimits__MaxSocketsPerClient"] = "0",
    ["Logging__LogLevel__Default"] = "Warning",
    ["BarStore__Provider"] = options.Store,
};
await using var postgres = options.Store == "Postgres" ? await PostgresServer.StartAsync(durable: true) : null;
var sqlite = Path.Combine(Path.GetTempPath(), $"restart-bench-{Guid.NewGuid():N}.db");
if (postgres is not null) settings["BarStore__Postgres__ConnectionString"] = postgres.ConnectionString(await postgres.CreateDatabaseAsync());
if (options.Store == "Sqlite") settings["BarStore__Sqlite__Path"] = sqlite;

try
{
    using var service = new ServiceProcesses(root, options.Configuration, options.Standalone, settings);
    await service.StartAsync(options.Silos);
    using var http = new HttpClient { BaseAddress = service.Gateway, Timeout = TimeSpan.FromSeconds(30) };
    var probe = new ServedProbe(http, options.Deadline);
    Console.Error.WriteLine($"{(options.Standalone ? "standalone gateway" : $"cluster of {options.Silos} silos")} starting; gateway {service.Gateway}; logs in {service.LogDirectory}");
    if (!await probe.WaitReadyAsync()) throw new InvalidOperationException("the service did not become ready");

    var symbols = Enumerable.Range(0, options.Symbols).Select(SymbolName).ToArray();
    await using var readers = new SymbolReaders(service.Gateway);
    await readers.OpenAsync(symbols);
    void PublishNextMinute()
    {
        foreach (var symbol in symbols) upstream.Publish(symbol, upstream.Market.NextMinute(symbol, upstream.Market.Cursor(symbol).AddMinutes(-1)));
    }

    var requests = upstream.RestRequests.Count;
    var limited = upstream.RateLimited;
    var cold = await probe.TimeUntilServedAsync(symbols);
    var coldLive = await probe.TimeUntilLiveAsync(readers, symbols.Length, PublishNextMinute);
    var coldRequests = upstream.RestRequests.Count - requests;
    var coldLimited = upstream.RateLimited - limited;
    Console.Error.WriteLine($"cold start: history {cold.TotalSeconds:F1} s, live {coldLive.TotalSeconds:F1} s more, {coldRequests} upstream requests");
    // A restart of a service that has run a while: the cold start's histories are stored first.
    var stored = await probe.TimeUntilStoredAsync(service.StoreWriters);
    Console.Error.WriteLine($"cold start: bar store queue empty {stored.TotalSeconds:F1} s after the live bars");

    var restart = System.Diagnostics.Stopwatch.StartNew();
    if (options.Standalone)
    {
        service.RestartGateway();
    }
    else
    {
        service.KillSilos();
        restart.Restart();
        service.StartSilos(options.Silos);
    }
    requests = upstream.RestRequests.Count;
    var barQueries = upstream.BarQueries.Count;
    limited = upstream.RateLimited;
    var warm = await probe.TimeUntilServedAsync(symbols);
    var served = restart.Elapsed;
    var warmLive = await probe.TimeUntilLiveAsync(readers, symbols.Length, PublishNextMinute);
    var live = restart.Elapsed;
    var warmRequests = upstream.RestRequests.Count - requests;
    Console.Error.WriteLine($"after restart: history {served.TotalSeconds:F1} s, live {live.TotalSeconds:F1} s, {warmRequests} upstream requests");
    // What the restart asked for: bars requests by timeframe, symbols per request and range.
    foreach (var kind in upstream.BarQueries.Skip(barQueries)
                 .GroupBy(q => (q.Timeframe, Symbols: q.Symbols.Count switch { 1 => "1", <= 10 => "2-10", _ => "11+" }, Minutes: Math.Round((q.End - q.Start).TotalMinutes)))
                 .OrderByDescending(g => g.Count()))
        Console.Error.WriteLine($"  {kind.Count()} bars requests: {kind.Key.Timeframe}, {kind.Key.Symbols} symbols, {kind.Key.Minutes} minutes");

    var restarted = options.Standalone ? "Gateway stopped (SIGTERM) and started again" : "Every silo killed (kill -9), new silos started";
    var from = options.Standalone ? "from the stop" : "from the new silos' start";
    // The targets of docs/operations.md ("Restart cost with many symbols"): served again within 60 s standalone, 90 s for a cluster, with at
    // most 50 upstream requests.
    var (targetTime, targetRequests) = (TimeSpan.FromSeconds(options.Standalone ? 60 : 90), 50);
    var met = live <= targetTime && warmRequests <= targetRequests;
    var report = string.Join("\n",
        $"### Restart: {options.Symbols} active symbols, {(options.Standalone ? "standalone" : $"{options.Silos}-silo cluster")}, bar store {options.Store}",
        "",
        $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores with `dotnet run --project bench/ClusterRestart -c Release -- {string.Join(' ', args)}`.",
        options.Standalone
            ? "One standalone gateway; upstream: the fake Alpaca server on 127.0.0.1 limited to 200 requests a minute."
            : $"{options.Silos} silos and one gateway on redis-server; upstream: the fake Alpaca server on 127.0.0.1 limited to 200 requests a minute.",
        $"History depths: {RestartOptions.Depths()}. One reader socket per symbol on `/ws/candles/{{symbol}}?limit=1`; served means " +
        "`/api/symbols/{symbol}/historical?limit=1` answers 200 for every symbol (16 requests at a time), live means every reader " +
        "received a live bar published upstream after that.",
        "",
        "| Phase | Until every symbol serves its history | Until every reader has a live bar | Upstream REST requests | 429 answers |",
        "|---|---|---|---|---|",
        $"| Cold start (first readers) | {Seconds(cold)} | {Seconds(cold + coldLive)} | {coldRequests} | {coldLimited} |",
        $"| {restarted} | {Seconds(served)} {from} | {Seconds(live)} | {warmRequests} | {upstream.RateLimited - limited} |",
        "",
        $"The restart came once the cold start's histories were stored: the `/health/ready` of every process writing to the bar store " +
        $"({(options.Standalone ? "the gateway" : "each silo")}) showed its write queue empty {Seconds(stored)} after the live bars.",
        $"Reader sockets open at the end: {readers.OpenCount} of {options.Symbols}.",
        "",
        $"Target: every symbol's history and live bars again within {targetTime.TotalSeconds:F0} s, with at most {targetRequests} upstream " +
        $"REST requests: {(met ? "**met**" : "**not met**")} ({Seconds(live)}, {warmRequests} requests).",
        "");
    Console.WriteLine(report);
    if (options.Output is { } output) await File.WriteAllTextAsync(output, report);
    return 0;
}
finally
{
    foreach (var file in new[] { sqlite, sqlite + "-wal", sqlite + "-shm" }) File.Delete(file);
}

static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";

static string SymbolName(int index) =>
    "Q" + (char)('A' + index / 676 % 26) + (char)('A' + index / 26 % 26) + (char)('A' + index % 26);
