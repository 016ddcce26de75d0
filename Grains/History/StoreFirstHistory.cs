using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;
using OrleansMarketData.Sources;
using OrleansMarketData.Storage;

namespace OrleansMarketData.History;

/// <summary>
/// How a symbol grain gets its history: from the bar store first, asking the source only for what the store lacks,
/// and storing what the source answered. The store's coverage says which ranges it holds whole (docs/bar-store.md):
/// the newest covered range supplies the bars it holds, the source the bars after it. A store that has too little (a
/// symbol never loaded, a range older than it holds) or does not answer leaves the whole load to the source, as
/// without a store. Thread-safe; one per silo.
/// </summary>
public sealed partial class StoreFirstHistory(
    IMarketDataSource source, IBarStore store, BarStoreWriter writer, HistoryLoadGate gate, IOptions<IndicatorOptions> indicators,
    ILogger<StoreFirstHistory> logger)
{
    private readonly HistoryHandIn _handIn = new(writer, source.IsAlpaca);

    /// <summary>How long a load waits for the store before it asks the source instead.</summary>
    private static readonly TimeSpan StoreWait = TimeSpan.FromSeconds(5);

    /// <summary>The most bars a grain reads back from the store for numbers it saw skipped.</summary>
    private const int MaxMissedBars = 10_000;

    /// <summary>
    /// The newest <paramref name="count"/> bars of a timeframe before <paramref name="asOf"/>, oldest first. Waits
    /// its turn at the silo's <see cref="HistoryLoadGate"/>: a herd of new symbols queues rather than taking every
    /// processor from the live bars.
    /// </summary>
    /// <remarks>
    /// What the source answered is stored without waiting for the write. When the store's queue has no room for it,
    /// the turn is held until it has (see <see cref="HistoryHandIn"/>), so that the next loads wait with it.
    /// </remarks>
    public async Task<LoadedHistory> LoadAsync(string symbol, Timeframe timeframe, int count, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var turn = await gate.EnterAsync(cancellationToken);
        var handedIn = Task.CompletedTask;
        try
        {
            return await LoadNowAsync(symbol, timeframe, count, asOf, saving => handedIn = saving, cancellationToken);
        }
        finally
        {
            if (handedIn.IsCompleted) turn.Dispose();
            else _ = handedIn.ContinueWith(_ => turn.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private async Task<LoadedHistory> LoadNowAsync(
        string symbol, Timeframe timeframe, int count, DateTimeOffset asOf, Action<Task> saving, CancellationToken cancellationToken)
    {
        // Bars of the minute in progress are asked for too, so loads within one minute ask the source alike (and
        // Alpaca's requests of several symbols are batched into one).
        var to = BarAggregator.BucketStart(asOf, Timeframe.Minute1).AddMinutes(1);
        var enough = indicators.Value.EnoughOf(count);
        if (await ReadStoredAsync(symbol, timeframe, count, to, cancellationToken) is { } stored
            && stored.Bars.Count + BarSlots.Count(source.Calendar, timeframe, stored.CoveredTo, to) >= enough)
        {
            var tail = stored.CoveredTo < to
                ? await source.GetBarsBetweenAsync(symbol, timeframe, stored.CoveredTo, to, cancellationToken)
                : [];
            saving(Save(symbol, timeframe, tail, stored.CoveredTo, to));
            // The calendar's slots since the stored run promised enough bars; a source with none for most of them (a
            // thin symbol, data that lags the clock) leaves a short run, which would serve little more than its newest
            // bar once the warm-up is taken: then the whole history comes from the source, as without a store.
            if (stored.Bars.Count + tail.Count >= enough)
            {
                var bars = stored.Bars.Select(row => row.Bar).Concat(tail).TakeLast(count).ToList();
                LogServedFromStore(logger, symbol, timeframe.Name(), bars.Count - Math.Min(tail.Count, bars.Count), tail.Count);
                return new LoadedHistory(new BarHistory(bars, IsComplete: false), stored.Bars.Max(row => row.Sequence ?? 0));
            }
        }
        var history = await source.GetBarsAsync(symbol, timeframe, count, asOf, cancellationToken);
        if (history.Bars.Count > 0) saving(Save(symbol, timeframe, history.Bars, history.Bars[0].Time, to));
        return new LoadedHistory(history, 0);
    }

    /// <summary>
    /// The 1-minute bars the feed numbered after <paramref name="after"/> and before <paramref name="before"/>, in
    /// order: those a grain did not receive. None when the store does not answer.
    /// </summary>
    public async Task<IReadOnlyList<Bar>> ReadMissedAsync(string symbol, long after, long before)
    {
        try
        {
            var limit = (int)Math.Min(before - after - 1, MaxMissedBars);
            var rows = await store.ReadAfterSequenceAsync(symbol, after, limit, CancellationToken.None).WaitAsync(StoreWait);
            return rows.Where(row => row.Sequence < before).Select(row => row.Bar).ToList();
        }
        catch (Exception ex)
        {
            LogMissedUnreadable(logger, ex, symbol, after, before);
            return [];
        }
    }

    /// <summary>
    /// The 1-minute bars after <paramref name="newest"/> and before <paramref name="next"/>, from the source, when the
    /// calendar has a minute between them; none when it has not, or the source fails (logged). For the seam between
    /// a grain's loaded history and its first live minute: the upstream subscription may take effect after the history
    /// was read, and the minutes between then reach neither.
    /// </summary>
    public async Task<IReadOnlyList<Bar>> ReadSeamAsync(string symbol, DateTimeOffset? newest, DateTimeOffset next)
    {
        if (newest is not { } last) return [];
        var from = last.AddMinutes(1);
        if (next <= from || BarSlots.Count(source.Calendar, Timeframe.Minute1, from, next) == 0) return [];
        try
        {
            var bars = await source.GetBarsBetweenAsync(symbol, Timeframe.Minute1, from, next, CancellationToken.None);
            _ = Save(symbol, Timeframe.Minute1, bars, from, next);
            LogSeamRead(logger, symbol, from, next, bars.Count);
            return bars;
        }
        catch (Exception ex)
        {
            LogSeamUnread(logger, ex, symbol, from, next);
            return [];
        }
    }

    /// <summary>
    /// The stored bars of the newest covered range before <paramref name="to"/> (at most <paramref name="count"/>),
    /// and where that range ends; null when the store holds none or does not answer.
    /// </summary>
    private async Task<StoredRun?> ReadStoredAsync(string symbol, Timeframe timeframe, int count, DateTimeOffset to, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await store.ReadLatestAsync(symbol, timeframe, to, count, cancellationToken).WaitAsync(StoreWait, cancellationToken);
            if (rows.Count == 0) return null;
            var coverage = await store.ReadCoverageAsync(symbol, timeframe, rows[0].Time, to, cancellationToken).WaitAsync(StoreWait, cancellationToken);
            if (coverage.Count == 0) return null;
            var newest = coverage[^1];
            var held = rows.Where(row => newest.Contains(row.Time)).ToList();
            return held.Count == 0 ? null : new StoredRun(held, newest.To);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogStoreUnreadable(logger, ex, symbol, timeframe.Name());
            return null;
        }
    }

    /// <summary>
    /// Every bar of [<paramref name="from"/>, <paramref name="to"/>): from the store when it holds that range whole,
    /// else from the source, whose answer is then stored. For reads older than a symbol grain's cache.
    /// </summary>
    public async Task<IReadOnlyList<Bar>> ReadWindowAsync(string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var slots = BarSlots.Count(source.Calendar, timeframe, from, to);
        if (slots == 0) return [];
        try
        {
            var coverage = await store.ReadCoverageAsync(symbol, timeframe, from, to, cancellationToken).WaitAsync(StoreWait, cancellationToken);
            if (coverage.Any(range => range.From <= from && range.To >= to))
            {
                var rows = await store.ReadRangeAsync(symbol, timeframe, from, to.AddSeconds(-1), slots, descending: false, cancellationToken)
                    .WaitAsync(StoreWait, cancellationToken);
                return rows.Select(row => row.Bar).ToList();
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogStoreUnreadable(logger, ex, symbol, timeframe.Name());
        }
        var bars = (await source.GetBarsAsync(symbol, timeframe, slots, to, cancellationToken)).Bars.Where(bar => bar.Time >= from).ToList();
        _ = Save(symbol, timeframe, bars, from, to);
        return bars;
    }

    /// <summary>
    /// Fetches [<paramref name="range"/>) from the source again and stores it, as a load stores what it fetched: for
    /// minutes the store lost. Throws when the source or the store's writer fails; false when the writer skipped it
    /// (its queue is busy with live bars), to be tried again later.
    /// </summary>
    public async Task<bool> RefetchAsync(BarRange range, CancellationToken cancellationToken)
    {
        var bars = await source.GetBarsBetweenAsync(range.Symbol, range.Timeframe, range.From, range.To, cancellationToken);
        return await SaveAsync(range.Symbol, range.Timeframe, bars, range.From, range.To, cancellationToken) != WriteOutcome.Skipped;
    }

    /// <summary>
    /// Stores bars the source answered, without waiting for the write: a load serves its bars at once, and the writer
    /// keeps the order. The task ends once the writer has taken them.
    /// </summary>
    private Task Save(string symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, DateTimeOffset from, DateTimeOffset to) =>
        Batch(symbol, timeframe, bars, from, to) is { } batch ? _handIn.HandInAsync(batch) : Task.CompletedTask;

    private async ValueTask<WriteOutcome?> SaveAsync(string symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Batch(symbol, timeframe, bars, from, to) is { } batch ? await writer.WriteAsync(batch, cancellationToken) : null;

    /// <summary>
    /// The batch that stores bars the source answered for [<paramref name="from"/>, <paramref name="to"/>) and records
    /// as covered what has ended: the whole range when it is over, else up to the end of its newest bar when that bar
    /// has ended (the minutes after it may not have reached the source yet, and are asked for again next time), or up
    /// to the newest bar when it is still forming. Covering the newest settled bar joins the range to the live minutes
    /// that follow it, so that a restart reads both from the store as one. Null when the store would refuse the bars.
    /// </summary>
    private BarBatch? Batch(string symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, DateTimeOffset from, DateTimeOffset to)
    {
        var forming = BarAggregator.BucketStart(source.Now, timeframe);
        var coveredTo = to <= forming ? to
            : bars.Count > 0 && bars[^1].Time < forming ? BarAggregator.BucketEnd(bars[^1].Time, timeframe)
            : forming;
        IReadOnlyList<BarRange> covered = coveredTo > from ? [new BarRange(symbol, timeframe, from, coveredTo)] : [];
        // Settled bars only: a forming one is the feed's to store, and must not overwrite its final version (live
        // bars go ahead of bulk batches in the writer's queue, which is safe only because bulk batches are settled).
        var settled = bars.Where(bar => bar.Time < forming).Select(bar => new StoredBar(symbol, timeframe, bar)).ToList();
        var batch = new BarBatch(settled, covered);
        try
        {
            BarBatchRules.Validate(batch);
            return batch;
        }
        catch (ArgumentException ex)
        {
            LogRefused(logger, ex, symbol, timeframe.Name());
            return null;
        }
    }

    private sealed record StoredRun(IReadOnlyList<StoredBar> Bars, DateTimeOffset CoveredTo);
}
