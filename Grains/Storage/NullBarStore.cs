using OrleansMarketData.Model;

namespace OrleansMarketData.Storage;

/// <summary>
/// <c>BarStore:Provider=None</c>: memory only. Writes succeed at once and keep nothing, reads find nothing, so every
/// history comes from the source as before the store existed; for measuring the path without a store.
/// </summary>
public sealed class NullBarStore : IBarStore
{
    public string Provider => BarStoreProviders.None;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WriteAsync(BarBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<StoredBar>> ReadLatestAsync(
        string symbol, Timeframe timeframe, DateTimeOffset before, int count, CancellationToken cancellationToken) => NoBars;

    public Task<IReadOnlyList<StoredBar>> ReadRangeAsync(
        string symbol, Timeframe timeframe, DateTimeOffset start, DateTimeOffset end, int limit, bool descending,
        CancellationToken cancellationToken) => NoBars;

    public Task<IReadOnlyList<StoredBar>> ReadAfterSequenceAsync(
        string symbol, long afterSequence, int limit, CancellationToken cancellationToken) => NoBars;

    public Task<IReadOnlyList<SequenceHead>> ReadSequenceHeadsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SequenceHead>>([]);

    public Task<IReadOnlyList<BarRange>> ReadCoverageAsync(
        string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BarRange>>([]);

    public Task<int> DeleteOlderThanAsync(Timeframe timeframe, DateTimeOffset cutoff, int maxRows, CancellationToken cancellationToken) =>
        Task.FromResult(0);

    private static readonly Task<IReadOnlyList<StoredBar>> NoBars = Task.FromResult<IReadOnlyList<StoredBar>>([]);
}
