namespace OrleansMarketData.Storage.Tests.Infrastructure;

/// <summary>
/// A store whose writes take a fixed time per bar, as a database on a busy machine does, and can be made to hang until
/// released; it keeps only the count of bars written. For the writer's transaction sizing, which no real server slows
/// down on cue.
/// </summary>
public sealed class SlowBarStore(TimeSpan perBar) : IBarStore
{
    private TaskCompletionSource? _hang;
    private long _written;
    private int _largest;

    public string Provider => "Slow";

    public long WrittenBars => Interlocked.Read(ref _written);

    /// <summary>The most bars written in one transaction so far.</summary>
    public int LargestTransaction => Volatile.Read(ref _largest);

    /// <summary>Writes hang (until their timeout) from now until <see cref="Release"/>.</summary>
    public void Hang() => _hang = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _hang?.TrySetResult();

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task WriteAsync(BarBatch batch, CancellationToken cancellationToken)
    {
        if (_hang is { } hang) await hang.Task.WaitAsync(cancellationToken);
        await Task.Delay(perBar * batch.Bars.Count, cancellationToken);
        Interlocked.Add(ref _written, batch.Bars.Count);
        for (var largest = _largest; batch.Bars.Count > largest; largest = _largest)
            Interlocked.CompareExchange(ref _largest, batch.Bars.Count, largest);
    }

    public Task<IReadOnlyList<StoredBar>> ReadLatestAsync(string symbol, Timeframe timeframe, DateTimeOffset before, int count, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<StoredBar>> ReadRangeAsync(string symbol, Timeframe timeframe, DateTimeOffset start, DateTimeOffset end, int limit, bool descending, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<StoredBar>> ReadAfterSequenceAsync(string symbol, long afterSequence, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<SequenceHead>> ReadSequenceHeadsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<BarRange>> ReadCoverageAsync(string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<int> DeleteOlderThanAsync(Timeframe timeframe, DateTimeOffset cutoff, int maxRows, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
