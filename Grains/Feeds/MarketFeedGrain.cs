using Microsoft.Extensions.Logging;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Model;
using OrleansMarketData.Metrics;
using OrleansMarketData.Sources;
using OrleansMarketData.Storage;
using OrleansMarketData.Streams;

namespace OrleansMarketData.Feeds;

/// <summary>
/// Holds the one upstream connection of a feed and publishes its 1-minute bars to <c>bars/{SYMBOL}</c>, each written
/// to the bar store and numbered first (<see cref="FeedJournal"/>). Its symbols and newest bars are stored, so an
/// activation after a silo failure resumes them and the feed fills in what was missed.
/// </summary>
/// <remarks>
/// Two things keep it running. <see cref="KeepAliveAttribute"/>: while its silo runs it is never collected as idle,
/// which would drop the connection, though nothing may call it for hours. <see cref="FeedKeeper"/>: every silo pings
/// it every 15 s, so when its silo dies it is activated on another within 15 s, sooner than the symbol grains'
/// renewals (every 30 s) would. No reminder is needed besides: the pings reach it faster, after a whole cluster's
/// restart too.
/// </remarks>
[KeepAlive]
public sealed partial class MarketFeedGrain(
    IMarketDataSource source,
    [PersistentState("feed", StorageNames.Feeds)] IPersistentState<FeedState> state,
    BarStoreWriter storeWriter,
    IBarStore store,
    MarketDataMetrics metrics,
    TimeProvider time,
    ILogger<MarketFeedGrain> logger) : Grain, IMarketFeedGrain
{
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(5);
    private const int MaxBatch = 10_000;
    private ILiveBarFeed? _feed;
    private BarPublisher? _publisher;
    private readonly FeedJournal _journal = new(storeWriter, store, logger);
    private Task _pump = Task.CompletedTask;
    private bool _dirty;
    private Task _writing = Task.CompletedTask;
    /// <summary>Symbols whose saved newest bar is still the clock's estimate from their subscription.</summary>
    private readonly HashSet<string> _estimated = new(StringComparer.Ordinal);

    private Dictionary<string, int> Holders => state.State.Holders;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _journal.ResumeAsync(state.State.Sequences, cancellationToken);
        _feed = source.OpenLiveFeed();
        _publisher = new BarPublisher(this.GetStreamProvider(StreamNames.Provider), logger);
        foreach (var symbol in Holders.Keys)
        {
            DateTimeOffset? last = state.State.LastBars.TryGetValue(symbol, out var time) ? time : null;
            _feed.Subscribe(symbol, last);
            LogResumed(logger, source.FeedName, symbol, last);
        }
        // Started from the grain's context, so the loop runs in the grain's turns like any other call.
        _pump = PumpAsync(_feed);
        OpenTape(_feed);
        this.RegisterGrainTimer(RetryAndSaveAsync, SaveEvery, SaveEvery);
        LogOpened(logger, source.FeedName, Holders.Count);
    }

    public ValueTask Ping() => ValueTask.CompletedTask;

    public async ValueTask Renew(string symbol, DateTimeOffset? newestBar)
    {
        if (Holders.ContainsKey(symbol)) return;
        if (newestBar is not { } last)
        {
            await Subscribe(symbol);
            return;
        }
        // The subscriber got bars until its newest one and none since, whatever this feed last published.
        Holders[symbol] = 1;
        state.State.LastBars[symbol] = last;
        _estimated.Remove(symbol);
        Feed.Subscribe(symbol, last);
        LogResumed(logger, source.FeedName, symbol, last);
        await SaveAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_feed is not null) await _feed.DisposeAsync();
        await _pump;
        await CloseTapeAsync();
        await SaveIfChangedAsync(cancellationToken);
        LogClosed(logger, source.FeedName, reason.Description);
    }

    public async ValueTask<long> Subscribe(string symbol)
    {
        // One symbol grain holds a symbol: a set, so that a subscribe retried after a failed write holds it once.
        if (Holders.TryAdd(symbol, 1))
        {
            // The subscriber has history up to about now; from here on, bars are this feed's to deliver, so a
            // successor resumes from here even if this activation dies before it publishes anything.
            if (state.State.LastBars.TryAdd(symbol, BarAggregator.BucketStart(source.Now, Timeframe.Minute1).AddMinutes(-1)))
                _estimated.Add(symbol);
            Feed.Subscribe(symbol, resumeAfter: null);
            LogSubscribed(logger, source.FeedName, symbol, Holders.Count);
        }
        await SaveAsync();
        return _journal.Newest(symbol);
    }

    public async ValueTask Unsubscribe(string symbol)
    {
        if (!Holders.Remove(symbol)) return;
        state.State.LastBars.Remove(symbol);
        _estimated.Remove(symbol);
        Feed.Unsubscribe(symbol);
        Publisher.Forget(symbol);
        _journal.EndRun(symbol);
        LogUnsubscribed(logger, source.FeedName, symbol, Holders.Count);
        await SaveAsync();
    }

    public ValueTask<FeedStatus> GetStatus() => ValueTask.FromResult(new FeedStatus(
        source.FeedName, source.IsAlpaca, Feed.Connected, Feed.State, Feed.LastError, Feed.LastMessageTime,
        Holders.Keys.Order(StringComparer.Ordinal).ToArray(), source.Now, RuntimeIdentity, storeWriter.Status, source.Listing));

    public ValueTask<IReadOnlyList<string>> GetListedSymbols() => ValueTask.FromResult(source.ListedSymbols);

    private ILiveBarFeed Feed => _feed ?? throw new InvalidOperationException("The feed is not open.");

    private BarPublisher Publisher => _publisher ?? throw new InvalidOperationException("The feed is not open.");

    /// <summary>Bars whose publish failed are sent again even when no new bar comes for their symbol.</summary>
    private async Task RetryAndSaveAsync(CancellationToken cancellationToken)
    {
        _tape?.DropExpired();
        Record(await Publisher.RetryAsync());
        await SaveIfChangedAsync(cancellationToken);
    }

    /// <summary>The newest bar of each symbol is saved every few seconds, not per bar.</summary>
    private Task SaveIfChangedAsync(CancellationToken cancellationToken) => _dirty ? SaveAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Writes the state, one write at a time: the pump, the timer and calls interleave at their awaits, and two
    /// writes at once conflict on the stored version. A change made while a write is in flight waits for it and is
    /// written next; changes made meanwhile by others go in the same write.
    /// </summary>
    private async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        _dirty = true;
        while (!_writing.IsCompleted)
            await _writing.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        if (!_dirty) return;
        _dirty = false;
        _writing = state.WriteStateAsync(cancellationToken);
        try
        {
            await _writing;
        }
        catch
        {
            _dirty = true;
            throw;
        }
    }

    private async Task PumpAsync(ILiveBarFeed feed)
    {
        var feedTag = MarketDataMetrics.Feed(source.FeedName);
        var batch = new List<SymbolBar>();
        while (await feed.Bars.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && feed.Bars.TryRead(out var bar)) batch.Add(bar);
            metrics.BarsReceived(batch.Count, feedTag);
            // Nothing may end this loop but the feed's end: it carries every bar of the cluster.
            try
            {
                var numbered = await _journal.WriteAheadAsync(batch, source.Now);
                // The numbers given are saved with the newest bars, every few seconds.
                _dirty = true;
                if (Record(await Publisher.PublishAsync(numbered))) await SaveIfChangedAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogPumpFailed(logger, ex, source.FeedName, batch.Count);
            }
        }
    }

    /// <summary>
    /// Notes the newest published bar of each held symbol, where a successor resumes. True when a clock estimate
    /// was replaced, which is saved at once.
    /// </summary>
    private bool Record(IEnumerable<SymbolBar> published)
    {
        var estimateReplaced = false;
        foreach (var bar in published)
        {
            if (!Holders.ContainsKey(bar.Symbol)) continue;
            // The first bar delivered replaces the clock's estimate even when older: an upstream whose bars lag
            // the clock (a feed behind, a replay) would otherwise have a successor resume after minutes it never got.
            var replacesEstimate = _estimated.Remove(bar.Symbol);
            if (!replacesEstimate && state.State.LastBars.GetValueOrDefault(bar.Symbol) >= bar.Bar.Time) continue;
            state.State.LastBars[bar.Symbol] = bar.Bar.Time;
            _dirty = true;
            estimateReplaced |= replacesEstimate;
        }
        return estimateReplaced;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed {Feed}: a batch of {Count} bars failed on its way; the feed goes on with the next")]
    private static partial void LogPumpFailed(ILogger logger, Exception exception, string feed, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: upstream connection opened, resuming {SymbolCount} symbols")]
    private static partial void LogOpened(ILogger logger, string feed, int symbolCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: upstream connection closed ({Reason})")]
    private static partial void LogClosed(ILogger logger, string feed, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: resumed {Symbol} after its bar of {LastBar:O}")]
    private static partial void LogResumed(ILogger logger, string feed, string symbol, DateTimeOffset? lastBar);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: subscribed {Symbol} upstream ({SymbolCount} symbols)")]
    private static partial void LogSubscribed(ILogger logger, string feed, string symbol, int symbolCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: unsubscribed {Symbol} upstream ({SymbolCount} symbols)")]
    private static partial void LogUnsubscribed(ILogger logger, string feed, string symbol, int symbolCount);
}
