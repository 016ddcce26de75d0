using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Delivery;
using OrleansMarketData.History;
using OrleansMarketData.Indicators;
using OrleansMarketData.Metrics;
using OrleansMarketData.Model;
using OrleansMarketData.Sources;
using OrleansMarketData.Streams;

namespace OrleansMarketData.Symbols;

/// <summary>
/// One ticker: loads its history with indicator warm-up (from the bar store first, <see cref="StoreFirstHistory"/>),
/// applies live 1-minute bars from <c>bars/{SYMBOL}</c>, reading back from the store any the feed numbered that never
/// arrived, and sends what changed to the gateways watching it, through the silo's <see cref="CandleFanOut"/>. Holds
/// the ticker's upstream subscription while active.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Bars)]
public sealed partial class SymbolGrain(
    IMarketDataSource source,
    StoreFirstHistory histories,
    IOptions<IndicatorOptions> indicators,
    IOptions<HistoryOptions> depth,
    TimeProvider time,
    CandleFanOut fanOut,
    MarketDataMetrics metrics,
    ILogger<SymbolGrain> logger) : Grain, ISymbolGrain
{
    private static readonly TimeSpan RetryLoadAfter = TimeSpan.FromSeconds(5);
    /// <summary>How long a call waits for a loading history: less than a caller's response timeout (30 s).</summary>
    private static readonly TimeSpan LoadWait = TimeSpan.FromSeconds(25);
    private const int MaxBarsWhileLoading = 10_000;
    private static readonly TimeSpan RenewPeriod = TimeSpan.FromSeconds(30);
    private string _symbol = "";
    /// <summary>Set by the activation: loading, or unknown for a symbol the source does not know.</summary>
    private HistoryState _state = null!;
    private readonly CandleWatchers _watchers = new(time);
    /// <summary>Null for a symbol the source does not know: it never holds one.</summary>
    private UpstreamSubscription? _upstream;
    private long _version;
    private long _epoch;
    /// <summary>The feed's number of the newest 1-minute bar this grain has (0: none known yet).</summary>
    private long _sequence;
    /// <summary>Counted in the active-grains gauge; an activation that failed was never counted.</summary>
    private bool _counted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ActivateAsync(cancellationToken);
        metrics.SymbolGrainActivated();
        _counted = true;
    }

    private async Task ActivateAsync(CancellationToken cancellationToken)
    {
        _symbol = this.GetPrimaryKeyString();
        if (!await source.IsKnownSymbolAsync(_symbol, cancellationToken))
        {
            _state = new HistoryState.Unknown(UnknownSymbol);
            return;
        }

        await this.GetStreamProvider(StreamNames.Provider).GetStream<SymbolBar>(StreamNames.BarStream(_symbol)).SubscribeAsync(OnBarAsync);
        // Subscribe before loading history: bars that arrive meanwhile are held until it is loaded, then either
        // extend the history or repeat its newest bars (and are dropped as duplicates).
        _upstream = new UpstreamSubscription(GrainFactory.GetGrain<IMarketFeedGrain>(source.FeedName), _symbol, logger);
        _sequence = await _upstream.HoldAsync();
        // One timer per grain for both chores: with 10,000 grains, every timer more is 10,000 more in the runtime's queue.
        // Interleaved: a renewal waits for the feed grain, which is busiest publishing a minute's bars, and the
        // grain's own bars must not queue behind it.
        this.RegisterGrainTimer(RenewAsync, new GrainTimerCreationOptions(RenewPeriod, RenewPeriod) { Interleave = true });
        // Loaded after the activation, not in it: Orleans abandons an activation after its timeout (30 s), and a
        // burst of symbols may queue longer than that for the upstream's request budget. Abandoned activations would
        // give up their turns and start again, so that none ever completed.
        StartLoading();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_counted) metrics.SymbolGrainDeactivated();
        _counted = false;
        return _upstream?.ReleaseAsync() ?? Task.CompletedTask;
    }

    public async ValueTask<HistorySnapshot> GetHistory(Timeframe timeframe, int limit)
    {
        await AwaitHistoryAsync();
        if (_state is HistoryState.Ready { History: var history })
            return new HistorySnapshot(SymbolState.Ready, history[timeframe].Newest(Math.Max(1, limit)), _version, _epoch, MovingAverages);
        var (state, error) = NotReady();
        return new HistorySnapshot(state, [], _version, _epoch, MovingAverages, error);
    }

    public async ValueTask<LatestBar> GetLatest()
    {
        await AwaitHistoryAsync();
        if (_state is not HistoryState.Ready { History: var history })
        {
            var (state, error) = NotReady();
            return new LatestBar(state, null, error);
        }
        return history[Timeframe.Minute1].Last is { } last
            ? new LatestBar(SymbolState.Ready, last.Bar)
            : new LatestBar(SymbolState.Unavailable, null, "no bars yet");
    }

    public async ValueTask<BarPage> GetBars(Timeframe timeframe, BarRangeQuery query)
    {
        await AwaitHistoryAsync();
        if (_state is not HistoryState.Ready { History: var history })
        {
            var (state, error) = NotReady();
            return new BarPage(state, [], null, error);
        }
        var end = query.End ?? source.Now;
        var start = query.Start ?? NewYorkTime.StartOfDay(NewYorkTime.DateOf(end));
        if (query.Resume is { } resume)
        {
            if (query.Descending) end = resume < end ? resume : end;
            else start = resume > start ? resume : start;
        }
        var series = history[timeframe];
        var bars = series.Range(start, end, Math.Max(1, query.Limit), query.Descending, out var next);
        // Bars before the first cached one (the warm-up is not cached) come from the source or the archive.
        DateTimeOffset? cachedFrom = series.HoldsAllBars ? null : series.FirstTime ?? end.AddTicks(1);
        return new BarPage(SymbolState.Ready, bars, next, null, start, end, cachedFrom);
    }

    /// <summary>The periods of this silo's moving averages, sent with every candle so readers can name them.</summary>
    private MovingAveragePeriods MovingAverages =>
        new(indicators.Value.MaShortPeriod, indicators.Value.MaMediumPeriod, indicators.Value.MaLongPeriod);

    private string UnknownSymbol => $"unknown symbol '{_symbol}'";

    /// <summary>What a reader is told while there is no history to serve.</summary>
    private (SymbolState State, string Error) NotReady() => _state switch
    {
        HistoryState.Unknown unknown => (SymbolState.UnknownSymbol, unknown.Error),
        HistoryState.Failed failed => (SymbolState.Unavailable, failed.Error),
        _ => (SymbolState.Loading, $"history of {_symbol} is still loading; retry shortly"),
    };

    public ValueTask WarmUp() => ValueTask.CompletedTask;

    private Task RenewAsync(CancellationToken cancellationToken)
    {
        _watchers.DropExpired();
        var newest = _state is HistoryState.Ready { History: var history } ? history[Timeframe.Minute1].Last?.Time : null;
        return _upstream?.RenewAsync(newest) ?? Task.CompletedTask;
    }

    private async Task OnBarAsync(SymbolBar item, StreamSequenceToken? token)
    {
        switch (_state)
        {
            case HistoryState.Ready { History: var history }:
                // A number skipped: the bars between were stored but never came (their stream queue's silo died).
                if (item.Sequence > _sequence + 1)
                {
                    var missed = await histories.ReadMissedAsync(_symbol, _sequence, item.Sequence);
                    foreach (var bar in missed) Send(history, history.Apply(bar));
                    LogMissedRead(logger, _symbol, item.Sequence - _sequence - 1, missed.Count);
                }
                Send(history, history.Apply(item.Bar));
                break;
            case HistoryState.Loading { HeldBars: { Count: < MaxBarsWhileLoading } held }:
                held.Add(item.Bar);
                break;
        }
        _sequence = Math.Max(_sequence, item.Sequence);
    }

    /// <summary>Versions grow across activations too, so readers never mistake a new activation's batches for old ones.</summary>
    private long NextVersion() => Math.Max(_version + 1, time.GetUtcNow().UtcTicks);

    /// <summary>Waits a while for the history, loading it again first if an earlier load failed a while ago.</summary>
    private async Task AwaitHistoryAsync()
    {
        if (_state is HistoryState.Failed failed && time.GetUtcNow() - failed.Started >= RetryLoadAfter) StartLoading();
        if (_state is not HistoryState.Loading loading) return;
        await loading.Ended.Task.WaitAsync(LoadWait).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
    }

    private void StartLoading()
    {
        var loading = new HistoryState.Loading([]);
        _state = loading;
        _ = LoadAsync(loading);
    }

    /// <summary>Loads every timeframe, then leaves the state the outcome says; never throws.</summary>
    private async Task LoadAsync(HistoryState.Loading loading)
    {
        var started = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var history = new SymbolHistory(depth.Value, indicators.Value, source.Calendar);
            var asOf = source.Now;
            var newestSequence = 0L;
            var loads = Timeframes.All.Select(async tf =>
            {
                var series = history[tf];
                var loaded = await histories.LoadAsync(_symbol, tf, series.Capacity, asOf, CancellationToken.None);
                series.Load(loaded.History.Bars, loaded.History.IsComplete);
                if (tf == Timeframe.Minute1) newestSequence = loaded.NewestSequence;
                return loaded.History.Bars.Count;
            });
            // Counted as loaded, not as cached: warm-up bars are loaded but not cached.
            if ((await Task.WhenAll(loads)).Sum() == 0)
            {
                // The source had nothing at all for this symbol: it does not exist there.
                _state = new HistoryState.Unknown(UnknownSymbol);
                await (_upstream?.ReleaseAsync() ?? Task.CompletedTask);
                return;
            }
            // Bars that arrived meanwhile join the history before anyone sees it, in the order they came.
            foreach (var bar in loading.HeldBars) history.Apply(bar);
            _sequence = Math.Max(_sequence, newestSequence);
            _state = new HistoryState.Ready(history);
            _epoch = _version = NextVersion();
            LogLoaded(logger, _symbol, Timeframes.All.Sum(tf => history[tf].Count), stopwatch.ElapsedMilliseconds);
        }
        catch (Exception ex)
        {
            _state = new HistoryState.Failed($"history for {_symbol} could not be loaded from the {source.FeedName} feed: {SourceErrors.Describe(ex)}", started);
            LogLoadFailed(logger, ex, _symbol);
        }
        finally
        {
            loading.Ended.TrySetResult();
        }
    }
}
