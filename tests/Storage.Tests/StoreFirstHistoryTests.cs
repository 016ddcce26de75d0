using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.History;
using OrleansMarketData.Indicators;
using OrleansMarketData.Sources;
using OrleansMarketData.Storage.Sqlite;
using static OrleansMarketData.Storage.Tests.Infrastructure.Rows;

namespace OrleansMarketData.Storage.Tests;

/// <summary>
/// How a history load shares the work between the bar store and the source (Grains/History/StoreFirstHistory.cs),
/// on a real SQLite file.
/// </summary>
public sealed class StoreFirstHistoryTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _dir = Directory.CreateTempSubdirectory("store-first-").FullName;

    [Fact]
    public async Task A_short_stored_run_followed_by_no_source_bars_for_the_calendars_minutes_since_loads_the_whole_history_from_the_source()
    {
        // The source has every minute of the session up to 15:00 and none after (data that lags the clock by a day, or
        // a symbol that stopped trading); the store holds only the three minutes before that, covered, as live
        // minutes a feed stored. The calendar counts hundreds of minutes since then, the source gives none of them.
        var last = Minute(330);
        var source = new LaggingSource(last, now: Open.AddDays(1));
        var store = new SqliteBarStore(Options.Create(new BarStoreOptions { Sqlite = { Path = Path.Combine(_dir, "bars.db") } }));
        await store.InitializeAsync(None);
        var live = Enumerable.Range(328, 3).Select(m => new StoredBar("AAPL", Timeframe.Minute1, LaggingSource.BarAt(Minute(m)), m)).ToList();
        await store.WriteAsync(new BarBatch(live, [Range("AAPL", Timeframe.Minute1, 328, 331)]), None);
        await using var writer = new BarStoreWriter(store, Options.Create(new BarStoreOptions()), TimeProvider.System, NullLogger<BarStoreWriter>.Instance);
        await writer.StartAsync(None);
        var indicators = new IndicatorOptions();
        var histories = new StoreFirstHistory(source, store, writer, new HistoryLoadGate(Options.Create(new HistoryOptions()), source),
            Options.Create(indicators), NullLogger<StoreFirstHistory>.Instance);

        var count = 100 + indicators.WarmupBars;
        var loaded = await histories.LoadAsync("AAPL", Timeframe.Minute1, count, source.Now, None);

        // Without the source's history the load would hold the three stored minutes, of which a series serves one.
        Assert.Equal(count, loaded.History.Bars.Count);
        Assert.Equal(last, loaded.History.Bars[^1].Time);
        Assert.Equal(source.Asked(last.AddMinutes(-count + 1)), loaded.History.Bars.Select(bar => bar.Time));
        Assert.True(source.WholeHistoryAsked, "the whole history was asked of the source");
    }

    public void Dispose()
    {
        // The pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Every minute of the regular session has a bar up to <paramref name="last"/>, none after; its clock reads <paramref name="now"/>.</summary>
    private sealed class LaggingSource(DateTimeOffset last, DateTimeOffset now) : IMarketDataSource
    {
        public string FeedName => "lagging";
        public bool IsAlpaca => false;
        public IMarketCalendar Calendar { get; } = new NyseCalendar();
        public DateTimeOffset Now => now;
        public bool WholeHistoryAsked { get; private set; }

        public static Bar BarAt(DateTimeOffset minute)
        {
            var close = 200 + (minute - Open).TotalMinutes / 100;
            return new Bar(minute, close - 0.5, close + 1, close - 1, close, 500);
        }

        /// <summary>The minutes from <paramref name="first"/> to the last, in order.</summary>
        public IEnumerable<DateTimeOffset> Asked(DateTimeOffset first)
        {
            for (var minute = first; minute <= last; minute = minute.AddMinutes(1)) yield return minute;
        }

        public Task<IReadOnlyList<Bar>> GetBarsBetweenAsync(string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        {
            var bars = new List<Bar>();
            for (var minute = from; minute < to && minute <= last; minute = minute.AddMinutes(1)) bars.Add(BarAt(minute));
            return Task.FromResult<IReadOnlyList<Bar>>(bars);
        }

        public Task<BarHistory> GetBarsAsync(string symbol, Timeframe timeframe, int count, DateTimeOffset asOf, CancellationToken cancellationToken)
        {
            WholeHistoryAsked = true;
            var bars = Enumerable.Range(0, count).Select(i => BarAt(last.AddMinutes(i - count + 1))).ToList();
            return Task.FromResult(new BarHistory(bars, IsComplete: false));
        }

        public ValueTask<bool> IsKnownSymbolAsync(string symbol, CancellationToken cancellationToken) => ValueTask.FromResult(true);

        public ILiveBarFeed OpenLiveFeed() => throw new NotSupportedException();
    }
}
