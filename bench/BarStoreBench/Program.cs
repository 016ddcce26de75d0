// The bar store's two costs on the live and history paths, on both engines: one write of every symbol's 1-minute
// bar for a minute (10,000 symbols, with their sequence numbers and the minute's coverage, as the feed writes
// them), straight to the store and through the BarStoreWriter; and one page of 10,000 1-minute bars of one symbol,
// as a range and as the newest bars. Prints one line per figure (median, p90 and max in ms over the iterations).
//
//   dotnet run -c Release --project bench/BarStoreBench [-- iterations]
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansMarketData.Model;
using OrleansMarketData.Storage;
using OrleansMarketData.Storage.Postgres;
using OrleansMarketData.Storage.Sqlite;
using OrleansMarketData.Testing;

const int Symbols = 10_000;
const int PageBars = 10_000;
var iterations = args.Length > 0 ? int.Parse(args[0]) : 30;
var start = new DateTimeOffset(2025, 6, 10, 13, 30, 0, TimeSpan.Zero);
var symbols = Enumerable.Range(0, Symbols).Select(i => $"S{i:D5}").ToArray();
long sequence = 0;

var dir = Directory.CreateTempSubdirectory("bar-store-bench-").FullName;
try
{
    var sqlite = new SqliteBarStore(Options.Create(new BarStoreOptions { Sqlite = { Path = Path.Combine(dir, "bars.db") } }));
    await MeasureAsync("SQLite", sqlite);
    SqliteConnection.ClearAllPools();

    await using var server = await PostgresServer.StartAsync(durable: true);
    await using var postgres = new PostgresBarStore(Options.Create(new BarStoreOptions { Postgres = { ConnectionString = await server.CreateDatabaseAsync() } }));
    await MeasureAsync("PostgreSQL", postgres);
}
finally
{
    Directory.Delete(dir, recursive: true);
}

async Task MeasureAsync(string engine, IBarStore store)
{
    await store.InitializeAsync(CancellationToken.None);
    var minute = 0;

    // The page: 20,000 minutes of one symbol, read as 10,000 from the middle and as the newest 10,000.
    for (var offset = 0; offset < 2 * PageBars; offset += 5_000)
        await store.WriteAsync(new BarBatch([.. Enumerable.Range(offset, 5_000).Select(m => Bar("PAGE", start.AddMinutes(-100_000 + m), null))]), CancellationToken.None);

    // One warm-up write of each kind, then the measured ones, each of a new minute (inserts, as live minutes are).
    await store.WriteAsync(MinuteBatch(minute++), CancellationToken.None);
    Report(engine, $"write of {Symbols:N0} symbols' minute bars, one batch", await TimeAsync(() => store.WriteAsync(MinuteBatch(minute++), CancellationToken.None)));
    Report(engine, "  its bars alone (no coverage)", await TimeAsync(() => store.WriteAsync(MinuteBatch(minute++) with { Covered = [] }, CancellationToken.None)));
    Report(engine, "  its coverage alone (no bars)", await TimeAsync(() => store.WriteAsync(MinuteBatch(minute++) with { Bars = [] }, CancellationToken.None)));

    await using (var writer = new BarStoreWriter(store, Options.Create(new BarStoreOptions()), TimeProvider.System, NullLogger<BarStoreWriter>.Instance))
    {
        await writer.StartAsync(CancellationToken.None);
        Report(engine, $"the same through BarStoreWriter (Stored)", await TimeAsync(async () =>
        {
            if (await writer.WriteAsync(MinuteBatch(minute++)) != WriteOutcome.Stored) throw new InvalidOperationException("not stored");
        }));
        await writer.StopAsync(CancellationToken.None);
    }

    var pageStart = start.AddMinutes(-100_000 + 5_000);
    Report(engine, $"read of a {PageBars:N0}-bar page (range, ascending)", await TimeAsync(async () =>
    {
        var page = await store.ReadRangeAsync("PAGE", Timeframe.Minute1, pageStart, start, PageBars, false, CancellationToken.None);
        if (page.Count != PageBars) throw new InvalidOperationException($"{page.Count} bars");
    }));
    Report(engine, $"read of the newest {PageBars:N0} bars", await TimeAsync(async () =>
    {
        var page = await store.ReadLatestAsync("PAGE", Timeframe.Minute1, start, PageBars, CancellationToken.None);
        if (page.Count != PageBars) throw new InvalidOperationException($"{page.Count} bars");
    }));
}

BarBatch MinuteBatch(int minute)
{
    var time = start.AddMinutes(minute);
    var next = ++sequence;
    return new BarBatch(
        [.. symbols.Select(s => Bar(s, time, next))],
        [.. symbols.Select(s => new BarRange(s, Timeframe.Minute1, time, time.AddMinutes(1)))]);
}

static StoredBar Bar(string symbol, DateTimeOffset time, long? sequence) =>
    new(symbol, Timeframe.Minute1, new Bar(time, 100, 101, 99, 100.5, 1_000, 12, 100.25), sequence);

async Task<List<double>> TimeAsync(Func<Task> action)
{
    var times = new List<double>(iterations);
    for (var i = 0; i < iterations; i++)
    {
        var clock = Stopwatch.StartNew();
        await action();
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    return times;
}

static void Report(string engine, string what, List<double> times)
{
    times.Sort();
    Console.WriteLine($"{engine,-10} {what,-52} median {times[times.Count / 2],8:F1} ms  p90 {times[(int)(times.Count * 0.9)],8:F1} ms  max {times[^1],8:F1} ms  (n={times.Count})");
}
