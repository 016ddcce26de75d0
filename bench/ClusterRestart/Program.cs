// Measures how long a Redis cluster on an Alpaca upstream takes to serve N active symbols again after every silo
// was killed and new ones started, with the gateway left running. The upstream is the fake Alpaca server on
// 127.0.0.1 with Alpaca's free-plan rate limit (200 requests a minute), so the figure includes the request
// budget's queueing. MarketData__* variables in the environment (e.g. history depths) reach every process.
//
//   dotnet run --project bench/ClusterRestart -c Release -- [--symbols 500] [--silos 2] [--configuration Release] [--output FILE]
using System.Diagnostics;
using System.Globalization;
using OrleansMarketData.Bench.ClusterRestart;
using OrleansMarketData.FakeAlpaca;

var options = RestartOptions.Parse(args);
var root = RestartOptions.RepositoryRoot();
await using var upstream = await FakeAlpacaServer.StartAsync();
upstream.RequestsPerMinute = 200;
var settings = new Dictionary<string, string>
{
    ["ALPACA_API_KEY"] = FakeAlpacaServer.KeyId,
    ["ALPACA_SECRET"] = FakeAlpacaServer.Secret,
    ["ALPACA_DATA_URL"] = upstream.BaseUrl.ToString(),
    ["ALPACA_BASE_URL"] = upstream.BaseUrl.ToString(),
    ["ALPACA_STREAM_URL"] = upstream.StreamUrl,
    ["Logging__LogLevel__Default"] = "Warning",
};
using var cluster = new ClusterProcesses(root, options.Configuration, settings);
await cluster.StartAsync(options.Silos);
using var http = new HttpClient { BaseAddress = cluster.Gateway, Timeout = TimeSpan.FromSeconds(30) };
var probe = new ServedProbe(http, options.Deadline);
Console.Error.WriteLine($"cluster of {options.Silos} silos starting; gateway {cluster.Gateway}");
if (!await probe.WaitReadyAsync()) throw new InvalidOperationException("the cluster did not become ready");

var symbols = Enumerable.Range(0, options.Symbols).Select(SymbolName).ToArray();
await using var readers = new SymbolReaders(cluster.Gateway);
await readers.OpenAsync(symbols);

var requests = upstream.RestRequests.Count;
var cold = await probe.TimeUntilServedAsync(symbols);
var coldRequests = upstream.RestRequests.Count - requests;
Console.Error.WriteLine($"cold start: {cold.TotalSeconds:F1} s, {coldRequests} upstream requests");

cluster.KillSilos();
var restart = Stopwatch.StartNew();
cluster.StartSilos(options.Silos);
requests = upstream.RestRequests.Count;
var limited = upstream.RateLimited;
var warm = await probe.TimeUntilServedAsync(symbols);
var served = restart.Elapsed;
var warmRequests = upstream.RestRequests.Count - requests;
Console.Error.WriteLine($"after restart: {served.TotalSeconds:F1} s, {warmRequests} upstream requests");

var report = string.Join("\n",
    $"# Cluster restart: {options.Symbols} active symbols",
    "",
    $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores with `dotnet run --project bench/ClusterRestart -c Release -- {string.Join(' ', args)}`.",
    $"{options.Silos} silos and one gateway on redis-server; upstream: the fake Alpaca server on 127.0.0.1 limited to 200 requests a minute.",
    $"History depths: {RestartOptions.Depths()}.",
    "",
    "| Phase | Until every symbol serves its history | Upstream REST requests | 429 answers |",
    "|---|---|---|---|",
    $"| Cold start (first readers) | {cold.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s | {coldRequests} | {limited} |",
    $"| Every silo killed (kill -9), new silos started | {served.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s from the new silos' start | {warmRequests} | {upstream.RateLimited - limited} |",
    "",
    $"Sockets of the readers still open after the restart: {readers.OpenCount} of {options.Symbols}.",
    "");
Console.WriteLine(report);
if (options.Output is { } output) await File.WriteAllTextAsync(output, report);
return 0;

static string SymbolName(int index) =>
    "Q" + (char)('A' + index / 676 % 26) + (char)('A' + index / 26 % 26) + (char)('A' + index % 26);
