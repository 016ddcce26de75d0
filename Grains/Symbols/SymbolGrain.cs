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
/// One ticker: loads each timeframe's history with indicator warm-up when first asked for (<see cref="SymbolTimeframes"/>;
/// from the bar store first, <see cref="StoreFirstHistory"/>), applies live 1-minute bars from <c>bars/{SYMBOL}</c> to
/// the loaded timeframes, reading back from the store any the feed numbered that never arrived, and sends what changed
/// to the gateways watching it, through the silo's <see cref="CandleFanOut"/>. Holds the ticker's upstream
/// subscription while active.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Bars)]
public sealed partial class SymbolGrain(
    IMarketDataSource source,
    StoreFirstHistory histories,
    IOptions<IndicatorOptions> indicators,
    IOptions<HistoryOptions> depth,
    TimeProvider time,
    VersionClock versions,
    CandleFanOut fanOut,
    MarketDataMetrics metrics,
    ILogger<SymbolGrain> logger) : Grain, ISymbolGrain
{
    /// <summary>How long a call waits for a loading timeframe: less than a caller's response timeout (30 s).</summary>
    private static readonly TimeSpan LoadWait = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan RenewPeriod = TimeSpan.FromSeconds(30);
    private string _symbol = "";
    /// <summary>Set by the activation: known (its timeframes loaded when asked for), or unknown to the source.</summary>
    private HistoryState _state = null!;
    private readonly CandleWatchers _watchers = new(time);
    /// <summary>Null for a symbol the source does not know: it never holds one.</summary>
    private UpstreamSubscription? _upstream;
    /// <summary>
    /// The newest batch's version. A timeframe loading later leaves it alone: batches of the loaded timeframes go on
    /// naming their predecessors, and a snapshot of the new timeframe starts from it (docs/architecture.md).
    /// </summary>
    private long _version;
    /// <summary>This activation's: set once, when its 1-minute history has loaded.</summary>
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

        var history = new SymbolHistory(depth.Value, indicators.Value, source.Calendar, allLive: false);
        _state = new HistoryState.Known(new SymbolTimeframes(_symbol, history, histories, source, time, logger));
        await this.GetStreamProvider(StreamNames.Provider).GetStream<SymbolBar>(StreamNames.BarStream(_symbol)).SubscribeAsync(OnBarAsync);
        // Subscribed before any timeframe loads: bars that arrive meanwhile are held until it is loaded, then either
        // extend the history or repeat its newest bars (and are dropped as duplicates).
        _upstream = new UpstreamSubscription(GrainFactory.GetGrain<IMarketFeedGrain>(source.FeedName), _symbol, logger);
        _sequence = await _upstream.HoldAsync();
        // One timer per grain for both chores: with 10,000 grains, every timer more is 10,000 more in the runtime's queue.
        // Interleaved: a renewal waits for the feed grain, which is busiest publishing a minute's bars, and the
        // grain's own bars must not queue behind it.
        this.RegisterGrainTimer(RenewAsync, new GrainTimerCreationOptions(RenewPeriod, RenewPeriod) { Interleave = true });
        // Timeframes load after the activation, not in it, when a call first names them: Orleans abandons an
        // activation after its timeout (30 s), and a burst of symbols may queue longer than that for the upstream's
        // request budget. Abandoned activations would give up their turns and start again, so that none ever completed.
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_counted) metrics.SymbolGrainDeactivated();
        _counted = false;
        return _upstream?.ReleaseAsync() ?? Task.CompletedTask;
    }

    public async ValueTask<HistorySnapshot> GetHistory(Timeframe timeframe, int limit)
    {
        if (await ReadyAsync(timeframe) is { } history)
            return new HistorySnapshot(SymbolState.Ready, history[timeframe].Newest(Math.Max(1, limit)), _version, _epoch, MovingAverages);
        var (state, error) = NotReady(timeframe);
        return new HistorySnapshot(state, [], _version, _epoch, MovingAverages, error);
    }

    public async ValueTask<LatestBar> GetLatest()
    {
        if (await ReadyAsync(Timeframe.Minute1) is not { } history)
        {
            var (state, error) = NotReady(Timeframe.Minute1);
            return new LatestBar(state, null, error);
        }
        return history[Timeframe.Minute1].Last is { } last
            ? new LatestBar(SymbolState.Ready, last.Bar)
            : new LatestBar(SymbolState.Unavailable, null, "no bars yet");
    }

    public async ValueTask<BarPage> GetBars(Timeframe timeframe, BarRangeQuery query)
    {
        if (await ReadyAsync(timeframe) is not { } history)
        {
            var (state, error) = NotReady(timeframe);
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

    /// <summary>Starts loading the timeframe (and the 1-minute history it is kept current from) unless it is loaded.</summary>
    public ValueTask WarmUp(Timeframe timeframe)
    {
        StartLoading(timeframe);
        return ValueTask.CompletedTask;
    }

    /// <summary>The periods of this silo's moving averages, sent with every candle so readers can name them.</summary>
    private MovingAveragePeriods MovingAverages =>
        new(indicators.Value.MaShortPeriod, indicators.Value.MaMediumPeriod, indicators.Value.MaLongPeriod);

    private string UnknownSymbol => $"unknown symbol '{_symbol}'";

    /// <summary>What a reader of <paramref name="timeframe"/> is told while it has no history to serve.</summary>
    private (SymbolState State, string Error) NotReady(Timeframe timeframe) => _state switch
    {
        HistoryState.Unknown unknown => (SymbolState.UnknownSymbol, unknown.Error),
        HistoryState.Known { Timeframes: var timeframes } when timeframes[timeframe] is TimeframeState.Failed failed => (SymbolState.Unavailable, failed.Error),
        // Not started for want of its minutes, which failed a moment ago.
        HistoryState.Known { Timeframes: var timeframes } when timeframes[timeframe] is TimeframeState.NotLoaded
            && timeframes[Timeframe.Minute1] is TimeframeState.Failed failed => (SymbolState.Unavailable, failed.Error),
        _ => (SymbolState.Loading, $"history of {_symbol} is still loading; retry shortly"),
    };

    private Task RenewAsync(CancellationToken cancellationToken)
    {
        _watchers.DropExpired();
        var newest = _state is HistoryState.Known { Timeframes: { MinutesReady: true, History: var history } } ? history[Timeframe.Minute1].Last?.Time : null;
        return _upstream?.RenewAsync(newest) ?? Task.CompletedTask;
    }

    private async Task OnBarAsync(SymbolBar item, StreamSequenceToken? token)
    {
        if (_state is HistoryState.Known { Timeframes: var timeframes })
        {
            // A number skipped: the bars between were stored but never came (their stream queue's silo died).
            if (timeframes.MinutesReady && item.Sequence > _sequence + 1)
            {
                var missed = await histories.ReadMissedAsync(_symbol, _sequence, item.Sequence);
                foreach (var bar in missed) Apply(timeframes, bar);
                LogMissedRead(logger, _symbol, item.Sequence - _sequence - 1, missed.Count);
            }
            if (timeframes.MinutesReady && timeframes.SeamOpen)
            {
                foreach (var bar in await timeframes.CloseSeamAsync(item.Bar)) Apply(timeframes, bar);
            }
            Apply(timeframes, item.Bar);
        }
        _sequence = Math.Max(_sequence, item.Sequence);
    }

    /// <summary>A live minute: applied to the loaded timeframes and sent, and held by those being loaded.</summary>
    private void Apply(SymbolTimeframes timeframes, Bar minute)
    {
        timeframes.Hold(minute);
        if (timeframes.MinutesReady) Send(timeframes.History, timeframes.History.Apply(minute));
    }

    /// <summary>
    /// The history once <paramref name="timeframe"/> is ready; null when it is not after a while, or the symbol is unknown.
    /// Loads the timeframe first when it is not loaded, or its last load failed a while ago.
    /// </summary>
    private async Task<SymbolHistory?> ReadyAsync(Timeframe timeframe)
    {
        StartLoading(timeframe);
        if (_state is HistoryState.Known { Timeframes: var timeframes } && timeframes[timeframe] is TimeframeState.Loading loading)
            await loading.Ended.Task.WaitAsync(LoadWait).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        return _state is HistoryState.Known { Timeframes: var known } && known[timeframe] is TimeframeState.Ready ? known.History : null;
    }

    private void StartLoading(Timeframe timeframe)
    {
        if (_state is not HistoryState.Known { Timeframes: var timeframes }) return;
        foreach (var (started, loading) in timeframes.Start(timeframe)) _ = LoadAsync(timeframes, started, loading);
    }

    /// <summary>Loads one timeframe, then lets go of the upstream if the symbol turned out unknown; never throws.</summary>
    private async Task LoadAsync(SymbolTimeframes timeframes, Timeframe timeframe, TimeframeState.Loading loading)
    {
        try
        {
            await timeframes.LoadAsync(timeframe, loading, Loaded);
            if (_state is HistoryState.Unknown) await (_upstream?.ReleaseAsync() ?? Task.CompletedTask);
        }
        catch (Exception ex)
        {
            LogLoadFailed(logger, ex, _symbol);
        }
        finally
        {
            loading.Ended.TrySetResult();
        }
    }

    /// <summary>A timeframe became ready: in the same turn, before a live minute reaches it.</summary>
    private void Loaded(Timeframe timeframe, long newestSequence)
    {
        if (_state is HistoryState.Known { Timeframes.SourceHasNoBars: true })
        {
            // The source had nothing at all for this symbol: it does not exist there.
            _state = new HistoryState.Unknown(UnknownSymbol);
            return;
        }
        if (timeframe != Timeframe.Minute1) return;
        // This activation's history starts here: its batches from now on name it (docs/architecture.md).
        _sequence = Math.Max(_sequence, newestSequence);
        _epoch = _version = versions.Next(_version);
    }
}
