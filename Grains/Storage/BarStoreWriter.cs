using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMarketData.Model;

namespace OrleansMarketData.Storage;

/// <summary>
/// The one way bars get into the <see cref="IBarStore"/>: a single-reader mailbox that writes batches in the order
/// they were handed in. A caller awaits its batch's durability, but never an outage: while the store fails (or a
/// write outlasts <c>BarStore:WriteTimeout</c>) the answer is <see cref="WriteOutcome.Queued"/>, the batch waits in a
/// queue of at most <c>BarStore:WriteQueueBars</c> bars, and the loop retries with a doubling delay until the store
/// answers, then flushes the queue in order. A live batch that does not fit is dropped, counted, and its ranges kept
/// for <see cref="TakeLostRangesAsync"/>; bulk batches (history pages) may fill half the queue only, and one that does
/// not fit is skipped: the source can give it again, and the other half stays free for live bars. Start-up
/// initializes the store and fails only when it is unusable (<see cref="BarStoreUnusableException"/>); a store that
/// is merely unreachable starts degraded.
/// </summary>
public sealed partial class BarStoreWriter(
    IBarStore store, IOptions<BarStoreOptions> options, TimeProvider time, ILogger<BarStoreWriter> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>
    /// A backlog is flushed in transactions of whole batches up to this many bars (a larger batch goes alone). A
    /// transaction that fails is tried again at half the size, and each that succeeds doubles it up to this bound:
    /// on a busy machine 50,000 bars can take longer than <c>BarStore:WriteTimeout</c>, and the same transaction would
    /// then time out for ever.
    /// </summary>
    private const int MaxBarsPerTransaction = 50_000;

    /// <summary>
    /// Bulk transactions are kept this small (a larger batch still goes alone): a live batch that arrives while one
    /// runs waits for it to end, and 50,000 bars take seconds (bench/BarStoreBench writes 10,000 in about 0.4 s on
    /// SQLite on 2 cores). A herd's history pages would otherwise hold up the live minutes behind them.
    /// </summary>
    private const int MaxBulkBarsPerTransaction = 5_000;

    private readonly BarStoreOptions _options = options.Value;
    private readonly Channel<Message> _mailbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abort = new();
    private Task _loop = Task.CompletedTask;

    // Counted by callers as they queue or drop; everything else belongs to the loop, which publishes _state.
    private long _queuedBars;
    private long _droppedBatches;
    private long _droppedBars;
    private long _skippedBars;
    private volatile LoopState _state = new(Degraded: false, Reason: null, LostRanges: 0);
    private bool _initialized;
    private int _disposed;

    public BarStoreStatus Status
    {
        get
        {
            var state = _state;
            return new BarStoreStatus(store.Provider, state.Degraded, state.Reason, Interlocked.Read(ref _queuedBars),
                Interlocked.Read(ref _droppedBatches), Interlocked.Read(ref _droppedBars), state.LostRanges,
                Interlocked.Read(ref _skippedBars));
        }
    }

    /// <summary>
    /// Hands a bulk batch to the store: <see cref="WriteOutcome.Stored"/> once it is in, <see cref="WriteOutcome.Queued"/>
    /// while the store is degraded, <see cref="WriteOutcome.Skipped"/> when the queue is half full. Throws
    /// <see cref="ArgumentException"/> for a batch the store would refuse (<see cref="BarBatchRules"/>).
    /// </summary>
    public ValueTask<WriteOutcome> WriteAsync(BarBatch batch, CancellationToken cancellationToken = default) =>
        WriteAsync(batch, live: false, cancellationToken);

    /// <summary>
    /// Waits, for up to <paramref name="limit"/>, until a bulk batch of <paramref name="bars"/> bars would not be
    /// skipped (the queue would stay within half its bound). For history fetched at a cost in upstream requests: a
    /// herd of such loads then goes at the store's pace instead of having its pages skipped and fetched again after a
    /// restart. Returns at once while the store is degraded, so that an outage never holds loads back.
    /// </summary>
    public async Task WaitForRoomAsync(int bars, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + limit;
        while (!_state.Degraded && Interlocked.Read(ref _queuedBars) is var queued && queued > 0
               && queued + bars > _options.WriteQueueBars / 2 && time.GetUtcNow() < deadline)
            await Task.Delay(RoomPoll, time, cancellationToken);
    }

    /// <summary>How often <see cref="WaitForRoomAsync"/> looks at the queue again.</summary>
    private static readonly TimeSpan RoomPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// As <see cref="WriteAsync(BarBatch, CancellationToken)"/>, for the feed's live bars: they go before any bulk
    /// batch waiting (history pages), so a burst of history loads never holds up the live path, and may fill the whole
    /// queue; one that does not fit is <see cref="WriteOutcome.Dropped"/>. Bulk batches hold settled bars only, so the
    /// two orders never disagree about a row.
    /// </summary>
    public ValueTask<WriteOutcome> WriteLiveAsync(BarBatch batch, CancellationToken cancellationToken = default) =>
        WriteAsync(batch, live: true, cancellationToken);

    private async ValueTask<WriteOutcome> WriteAsync(BarBatch batch, bool live, CancellationToken cancellationToken)
    {
        BarBatchRules.Validate(batch);
        if (batch.IsEmpty) return WriteOutcome.Stored;
        var bars = Math.Max(batch.Bars.Count, 1);
        var queued = Interlocked.Add(ref _queuedBars, bars);
        // An empty queue takes any batch, so that one larger than the bound is not dropped for ever.
        if (queued > (live ? _options.WriteQueueBars : _options.WriteQueueBars / 2) && queued != bars)
        {
            Interlocked.Add(ref _queuedBars, -bars);
            if (!live)
            {
                Interlocked.Add(ref _skippedBars, batch.Bars.Count);
                return WriteOutcome.Skipped;
            }
            Interlocked.Increment(ref _droppedBatches);
            Interlocked.Add(ref _droppedBars, batch.Bars.Count);
            _mailbox.Writer.TryWrite(new Dropped(batch));
            LogDropped(batch.Bars.Count, _options.WriteQueueBars);
            return WriteOutcome.Dropped;
        }
        var write = new Write(batch, bars, live);
        if (!_mailbox.Writer.TryWrite(write))
        {
            Interlocked.Add(ref _queuedBars, -bars);
            throw new InvalidOperationException("The bar store writer has stopped.");
        }
        if (_state.Degraded) return WriteOutcome.Queued;
        try
        {
            return await write.Done.Task.WaitAsync(_options.WriteTimeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return WriteOutcome.Queued;
        }
    }

    /// <summary>The ranges of every batch dropped so far, merged per symbol and timeframe; they are forgotten once taken.</summary>
    public async Task<IReadOnlyList<BarRange>> TakeLostRangesAsync(CancellationToken cancellationToken = default)
    {
        var take = new TakeLost(new TaskCompletionSource<IReadOnlyList<BarRange>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_mailbox.Writer.TryWrite(take)) return [];
        return await take.Ranges.Task.WaitAsync(cancellationToken);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.InitializeAsync(cancellationToken);
            _initialized = true;
        }
        catch (Exception ex) when (ex is not BarStoreUnusableException && !cancellationToken.IsCancellationRequested)
        {
            // Unreachable now (PostgreSQL not up yet): the loop initializes before its first write.
            var reason = Describe(ex);
            _state = _state with { Degraded = true, Reason = reason };
            LogDegraded(reason);
        }
        _loop = Task.Run(() => RunAsync(_abort.Token), CancellationToken.None);
    }

    /// <summary>
    /// Stops taking batches and writes the queue for up to <see cref="BarStoreOptions.StopDrainTimeout"/>, past the
    /// host's <paramref name="cancellationToken"/>: a gateway's host gives its services 5 s, less than a herd's
    /// histories take to store, and what is not stored is fetched from the upstream again after the restart.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _mailbox.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(_options.StopDrainTimeout, time);
        }
        catch (TimeoutException)
        {
            await _abort.CancelAsync();
            await _loop;
        }
    }

    /// <summary>
    /// Once only: a host disposes the writer both as itself and as the hosted service it is registered as
    /// (Storage/BarStoreServiceCollectionExtensions.cs).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _mailbox.Writer.TryComplete();
        await _abort.CancelAsync();
        await _loop;
        _abort.Dispose();
    }

    private async Task RunAsync(CancellationToken abort)
    {
        var backlog = new WriteBacklog<Write>(write => write.Live, write => write.Bars);
        var lost = new LostRanges();
        var delay = _options.RetryDelay;
        var transactionBars = MaxBarsPerTransaction;
        try
        {
            while (true)
            {
                while (_mailbox.Reader.TryRead(out var message)) Receive(message, backlog, lost);
                if (backlog.Count == 0)
                {
                    if (!await _mailbox.Reader.WaitToReadAsync(abort))
                    {
                        LogStopped(Interlocked.Read(ref _skippedBars));
                        return;
                    }
                    continue;
                }
                var group = backlog.Head(backlog.HasLive ? transactionBars : Math.Min(transactionBars, MaxBulkBarsPerTransaction));
                var groupBars = group.Sum(write => write.Bars);
                if (await TryWriteAsync(group, abort) is not { } failure)
                {
                    backlog.Remove(group);
                    transactionBars = (int)Math.Min(Math.Max(transactionBars, groupBars) * 2L, MaxBarsPerTransaction);
                    foreach (var write in group)
                    {
                        Interlocked.Add(ref _queuedBars, -write.Bars);
                        write.Done.TrySetResult(WriteOutcome.Stored);
                    }
                    if (_state.Degraded)
                    {
                        _state = _state with { Degraded = false, Reason = null };
                        LogRecovered(Interlocked.Read(ref _queuedBars));
                    }
                    delay = _options.RetryDelay;
                    continue;
                }
                transactionBars = Math.Max(1, groupBars / 2);
                if (_state.Reason != failure) LogDegraded(failure);
                _state = _state with { Degraded = true, Reason = failure };
                foreach (var write in backlog.All) write.Done.TrySetResult(WriteOutcome.Queued);
                await PauseAsync(delay, backlog, lost, abort);
                delay = delay * 2 < _options.RetryMaxDelay ? delay * 2 : _options.RetryMaxDelay;
            }
        }
        catch (Exception) when (abort.IsCancellationRequested)
        {
            var left = backlog.All.Sum(w => w.Batch.Bars.Count);
            if (left > 0) LogAbandoned(left);
            foreach (var write in backlog.All) write.Done.TrySetResult(WriteOutcome.Queued);
        }
    }

    private void Receive(Message message, WriteBacklog<Write> backlog, LostRanges lost)
    {
        switch (message)
        {
            case Write write:
                backlog.Enqueue(write);
                if (_state.Degraded) write.Done.TrySetResult(WriteOutcome.Queued);
                break;
            case Dropped dropped:
                lost.Add(dropped.Batch);
                _state = _state with { LostRanges = lost.Count };
                break;
            case TakeLost take:
                take.Ranges.TrySetResult(lost.Take());
                _state = _state with { LostRanges = 0 };
                break;
        }
    }

    /// <summary>Waits out a retry delay while still taking batches (answered "queued") and requests.</summary>
    private async Task PauseAsync(TimeSpan delay, WriteBacklog<Write> backlog, LostRanges lost, CancellationToken abort)
    {
        var pause = Task.Delay(delay, time, abort);
        while (!pause.IsCompleted)
        {
            var readable = _mailbox.Reader.WaitToReadAsync(abort).AsTask();
            if (await Task.WhenAny(pause, readable) == pause) break;
            if (!await readable) break;
            while (_mailbox.Reader.TryRead(out var message)) Receive(message, backlog, lost);
        }
        await pause;
    }

    /// <summary>Writes a group of batches in one transaction; returns null, or why it failed.</summary>
    private async Task<string?> TryWriteAsync(IReadOnlyList<Write> group, CancellationToken abort)
    {
        try
        {
            if (!_initialized)
            {
                await store.InitializeAsync(abort);
                _initialized = true;
            }
            using var timeout = new CancellationTokenSource(_options.WriteTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(abort, timeout.Token);
            var batch = group.Count == 1
                ? group[0].Batch
                : new BarBatch([.. group.SelectMany(w => w.Batch.Bars)], [.. group.SelectMany(w => w.Batch.Covered)]);
            await store.WriteAsync(batch, linked.Token);
            return null;
        }
        catch (Exception ex) when (!abort.IsCancellationRequested)
        {
            return Describe(ex);
        }
    }

    /// <summary>Why the store failed, for logs and health: database messages name no password; other exceptions only their kind.</summary>
    private string Describe(Exception ex) => $"{store.Provider}: " + ex switch
    {
        OperationCanceledException or TimeoutException => $"a write took longer than BarStore:WriteTimeout ({_options.WriteTimeout})",
        BarStoreUnusableException or DbException => ex.Message,
        _ => ex.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Bar store writer stopped with every queued bar stored ({Skipped} history bars skipped since start)")]
    private partial void LogStopped(long skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bar store degraded, writes are queued: {Reason}")]
    private partial void LogDegraded(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bar store recovered; {Queued} bars still queued")]
    private partial void LogRecovered(long queued);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bar store queue full ({Bound} bars): dropped a batch of {Bars} bars; its ranges are kept for refetching")]
    private partial void LogDropped(int bars, int bound);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bar store writer stopped with {Bars} bars not stored")]
    private partial void LogAbandoned(int bars);

    private abstract record Message;

    private sealed record Write(BarBatch Batch, int Bars, bool Live) : Message
    {
        public TaskCompletionSource<WriteOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Dropped(BarBatch Batch) : Message;

    private sealed record TakeLost(TaskCompletionSource<IReadOnlyList<BarRange>> Ranges) : Message;

    private sealed record LoopState(bool Degraded, string? Reason, int LostRanges);
}
