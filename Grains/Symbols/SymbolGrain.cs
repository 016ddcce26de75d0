using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Delivery;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;
using OrleansMarketData.Sources;
using OrleansMarketData.Streams;
using OrleansMarketData.Metrics;

namespace OrleansMarketData.Symbols;

/// <summary>
/// One ticker: loads its history with indicator warm-up, applies live 1-minute bars from <c>bars/{SYMBOL}</c>,
/// and sends what changed to the gateways watching it, through the silo's <see cref="CandleFanOut"/>. Holds the
/// ticker's upstream subscription while active.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Bars)]
public sealed partial class SymbolGrain(
    IMarketDataSource source,
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
    private SymbolState _state = SymbolState.Unavailable;
    private string? _error;
    private DateTimeOffset _lastLoadAttempt;
    private SymbolHistory? _history;
    private CandleWatchers? _watchers;
    private bool _subscribedUpstream;
    private long _version;
    private long _epoch;
    private Task _loading = Task.CompletedTask;
    /// <summary>The renewal in flight, if any: it interleaves with the grain's other work.</summary>
    private Task _renewal = Task.CompletedTask;
    private List<Bar>? _barsWhileLoading;
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
            _state = SymbolState.UnknownSymbol;
            _error = $"unknown symbol '{_symbol}'";
            return;
        }

        _watchers = new CandleWatchers(time);
        await this.GetStreamProvider(StreamNames.Provider).GetStream<SymbolBar>(StreamNames.BarStream(_symbol)).SubscribeAsync(OnBarAsync);
        // Subscribe before loading history: bars that arrive meanwhile are held until it is loaded, then either
        // extend the history or repeat its newest bars (and are dropped as duplicates).
        await GrainFactory.GetGrain<IMarketFeedGrain>(source.FeedName).Subscribe(_symbol);
        _subscribedUpstream = true;
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
        return ReleaseUpstreamAsync();
    }

    private async Task ReleaseUpstreamAsync()
    {
        if (!_subscribedUpstream) return;
        _subscribedUpstream = false;
        // A renewal answered after the unsubscribe would hold the symbol again for a grain that is gone.
        await _renewal;
        try
        {
            await GrainFactory.GetGrain<IMarketFeedGrain>(source.FeedName).Unsubscribe(_symbol);
        }
        catch (Exception ex)
        {
            LogUnsubscribeFailed(logger, ex, _symbol);
        }
    }

    public async ValueTask<HistorySnapshot> GetHistory(Timeframe timeframe, int limit)
    {
        await AwaitHistoryAsync();
        return _history is null
            ? new HistorySnapshot(_state, [], _version, _epoch, MovingAverages, _error)
            : new HistorySnapshot(SymbolState.Ready, _history[timeframe].Newest(Math.Max(1, limit)), _version, _epoch, MovingAverages);
    }

    public async ValueTask<LatestBar> GetLatest()
    {
        await AwaitHistoryAsync();
        return _history?[Timeframe.Minute1].Last is { } last
            ? new LatestBar(SymbolState.Ready, last.Bar)
            : new LatestBar(_state == SymbolState.Ready ? SymbolState.Unavailable : _state, null, _error ?? "no bars yet");
    }

    public async ValueTask<BarPage> GetBars(Timeframe timeframe, BarRangeQuery query)
    {
        await AwaitHistoryAsync();
        if (_history is null) return new BarPage(_state, [], null, _error);
        var end = query.End ?? source.Now;
        var start = query.Start ?? NewYorkTime.StartOfDay(NewYorkTime.DateOf(end));
        if (query.Resume is { } resume)
        {
            if (query.Descending) end = resume < end ? resume : end;
            else start = resume > start ? resume : start;
        }
        var series = _history[timeframe];
        var bars = series.Range(start, end, Math.Max(1, query.Limit), query.Descending, out var next);
        // Bars before the first cached one (the warm-up is not cached) come from the source or the archive.
        DateTimeOffset? cachedFrom = series.HoldsAllBars ? null : series.FirstTime ?? end.AddTicks(1);
        return new BarPage(SymbolState.Ready, bars, next, null, start, end, cachedFrom);
    }

    /// <summary>The periods of this silo's moving averages, sent with every candle so readers can name them.</summary>
    private MovingAveragePeriods MovingAverages =>
        new(indicators.Value.MaShortPeriod, indicators.Value.MaMediumPeriod, indicators.Value.MaLongPeriod);

    public ValueTask<long> KeepAlive() => ValueTask.FromResult(_version);

    private Task RenewAsync(CancellationToken cancellationToken)
    {
        _watchers?.DropExpired();
        return _renewal = RenewUpstreamAsync();
    }

    /// <summary>
    /// Tells the feed again that this symbol is held, in case the feed grain was activated anew elsewhere or lost
    /// count of its holders, with the newest bar so that a feed that had dropped the symbol resumes after it.
    /// </summary>
    private async Task RenewUpstreamAsync()
    {
        if (!_subscribedUpstream) return;
        try
        {
            await GrainFactory.GetGrain<IMarketFeedGrain>(source.FeedName).Renew(_symbol, _history?[Timeframe.Minute1].Last?.Time);
        }
        catch (Exception ex)
        {
            LogRenewFailed(logger, ex, _symbol);
        }
    }

    private Task OnBarAsync(SymbolBar item, StreamSequenceToken? token)
    {
        if (_history is null)
        {
            if (_barsWhileLoading is { Count: < MaxBarsWhileLoading } held) held.Add(item.Bar);
        }
        else
        {
            Send(_history.Apply(item.Bar));
        }
        return Task.CompletedTask;
    }

    /// <summary>Versions grow across activations too, so readers never mistake a new activation's batches for old ones.</summary>
    private long NextVersion() => Math.Max(_version + 1, time.GetUtcNow().UtcTicks);

    /// <summary>Waits a while for the history, loading it again first if an earlier load failed a while ago.</summary>
    private async Task AwaitHistoryAsync()
    {
        if (_history is not null || _state != SymbolState.Unavailable) return;
        if (_loading.IsCompleted && time.GetUtcNow() - _lastLoadAttempt >= RetryLoadAfter) StartLoading();
        await _loading.WaitAsync(LoadWait).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
    }

    private void StartLoading()
    {
        _error = $"history of {_symbol} is still loading; retry shortly";
        _barsWhileLoading = [];
        _loading = LoadAsync();
    }

    private async Task LoadAsync()
    {
        _lastLoadAttempt = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var history = new SymbolHistory(depth.Value, indicators.Value, source.Calendar);
            var asOf = source.Now;
            var loads = Timeframes.All.Select(async tf =>
            {
                var series = history[tf];
                var loaded = await source.GetBarsAsync(_symbol, tf, series.Capacity, asOf, CancellationToken.None);
                series.Load(loaded.Bars, loaded.IsComplete);
                return loaded.Bars.Count;
            });
            // Counted as loaded, not as cached: warm-up bars are loaded but not cached.
            if ((await Task.WhenAll(loads)).Sum() == 0)
            {
                // The source had nothing at all for this symbol: it does not exist there.
                _state = SymbolState.UnknownSymbol;
                _error = $"unknown symbol '{_symbol}'";
                await ReleaseUpstreamAsync();
                return;
            }
            // Bars that arrived meanwhile join the history before anyone sees it, in the order they came.
            foreach (var bar in _barsWhileLoading ?? []) history.Apply(bar);
            _history = history;
            _state = SymbolState.Ready;
            _error = null;
            _epoch = _version = NextVersion();
            LogLoaded(logger, _symbol, Timeframes.All.Sum(tf => history[tf].Count), stopwatch.ElapsedMilliseconds);
        }
        catch (Exception ex)
        {
            _state = SymbolState.Unavailable;
            _error = $"history for {_symbol} could not be loaded from the {source.FeedName} feed: {ex.Message}";
            LogLoadFailed(logger, ex, _symbol);
        }
        finally
        {
            _barsWhileLoading = null;
        }
    }
}
