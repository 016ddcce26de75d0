using OrleansMarketData.Model;

namespace OrleansMarketData.Storage;

/// <summary>
/// The durable bar store: one row per (symbol, timeframe, bar start), written in batches, read by symbol and time
/// or by sequence. Implementations are thread-safe; every method may throw when the store is unreachable (the
/// <see cref="BarStoreWriter"/> in front of it absorbs that for writes). Times are UTC bar starts in whole seconds.
/// docs/bar-store.md describes the schema and the engines.
/// </summary>
public interface IBarStore
{
    /// <summary>The provider's name, as <c>BarStore:Provider</c> spells it.</summary>
    string Provider { get; }

    /// <summary>
    /// Creates the schema or migrates it to the version this build knows; idempotent, safe to run from several
    /// processes at once. Throws <see cref="BarStoreUnusableException"/> when the store can never be used as it is (a
    /// file that is not a database, a schema newer than this build); any other exception is a fault that may pass.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores every bar and coverage range of <paramref name="batch"/> in one transaction: all or nothing. A bar
    /// replaces the stored row of the same (symbol, timeframe, start); a bar without a sequence number keeps the
    /// number of the row it replaces. Within a batch the later of two bars with one key wins.
    /// </summary>
    Task WriteAsync(BarBatch batch, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="count"/> bars that start before <paramref name="before"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredBar>> ReadLatestAsync(
        string symbol, Timeframe timeframe, DateTimeOffset before, int count, CancellationToken cancellationToken);

    /// <summary>
    /// At most <paramref name="limit"/> bars starting in [<paramref name="start"/>, <paramref name="end"/>] (both
    /// inclusive, as Alpaca's bar queries), from the start (ascending) or from the end (descending).
    /// </summary>
    Task<IReadOnlyList<StoredBar>> ReadRangeAsync(
        string symbol, Timeframe timeframe, DateTimeOffset start, DateTimeOffset end, int limit, bool descending,
        CancellationToken cancellationToken);

    /// <summary>At most <paramref name="limit"/> 1-minute bars of the symbol with a sequence number above <paramref name="afterSequence"/>, in sequence order.</summary>
    Task<IReadOnlyList<StoredBar>> ReadAfterSequenceAsync(
        string symbol, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>Every symbol's <see cref="SequenceHead"/>: where a feed that starts again resumes numbering.</summary>
    Task<IReadOnlyList<SequenceHead>> ReadSequenceHeadsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The covered ranges of (symbol, timeframe) that overlap [<paramref name="from"/>, <paramref name="to"/>), whole
    /// (not cut to the query), in time order. Stored ranges never overlap or touch: recording merges them.
    /// </summary>
    Task<IReadOnlyList<BarRange>> ReadCoverageAsync(
        string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// Retention, one bounded step: cuts the coverage of <paramref name="timeframe"/> at <paramref name="cutoff"/>,
    /// then deletes at most <paramref name="maxRows"/> of its bars that start before it, in one transaction.
    /// Returns how many bars it deleted; fewer than <paramref name="maxRows"/> means none are left.
    /// </summary>
    Task<int> DeleteOlderThanAsync(Timeframe timeframe, DateTimeOffset cutoff, int maxRows, CancellationToken cancellationToken);
}
