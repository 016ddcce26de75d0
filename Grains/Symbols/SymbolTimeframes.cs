using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrleansMarketData.Aggregation;
using OrleansMarketData.History;
using OrleansMarketData.Model;
using OrleansMarketData.Sources;

namespace OrleansMarketData.Symbols;

/// <summary>
/// The timeframes of a known symbol's history, each loaded when first asked for. The 1-minute series is loaded with
/// whichever timeframe is asked first: live minutes reach every longer timeframe through it (a repeated or revised
/// minute is told apart there, and a bucket is rebuilt from its minutes), and <c>GetLatest</c> reads it. Live minutes
/// keep each ready timeframe current; a timeframe being loaded holds them and catches up when its load ends; one
/// not asked for passes them by. Used only from its symbol grain's turns.
/// </summary>
public sealed partial class SymbolTimeframes(
    string symbol, SymbolHistory history, StoreFirstHistory histories, IMarketDataSource source, TimeProvider time, ILogger logger)
{
    /// <summary>How soon after a failed load a call loads again.</summary>
    public static readonly TimeSpan RetryLoadAfter = TimeSpan.FromSeconds(5);

    private const int MaxBarsWhileLoading = 10_000;

    private readonly TimeframeState[] _states = Timeframes.All.Select(TimeframeState (_) => TimeframeState.NotLoaded.Instance).ToArray();

    /// <summary>Some load found bars: the source knows the symbol, whatever a later load finds.</summary>
    private bool _foundBars;

    /// <summary>The 1-minute series loaded with no live minute held: the first to come may not meet it.</summary>
    private bool _seamOpen;

    public SymbolHistory History => history;

    public TimeframeState this[Timeframe timeframe] => _states[(int)timeframe];

    /// <summary>The 1-minute series is loaded: live minutes are applied (<see cref="SymbolHistory.Apply(Bar)"/>).</summary>
    public bool MinutesReady => _states[(int)Timeframe.Minute1] is TimeframeState.Ready;

    /// <summary>No live minute has come since the 1-minute series loaded: the first to come calls <see cref="CloseSeamAsync"/>.</summary>
    public bool SeamOpen => _seamOpen;

    /// <summary>
    /// The minutes between the loaded 1-minute history's newest and <paramref name="first"/>, the first live minute
    /// after the load, to apply before it (<see cref="StoreFirstHistory.ReadSeamAsync"/>).
    /// </summary>
    public Task<IReadOnlyList<Bar>> CloseSeamAsync(Bar first)
    {
        _seamOpen = false;
        return histories.ReadSeamAsync(symbol, history[Timeframe.Minute1].Last?.Time, first.Time);
    }

    /// <summary>
    /// Every load so far succeeded and none found a bar, with none still running: the source has no bar of the
    /// symbol at all. Decided on the timeframes loaded, however few.
    /// </summary>
    public bool SourceHasNoBars =>
        !_foundBars && _states.Any(s => s is TimeframeState.Ready) && _states.All(s => s is TimeframeState.NotLoaded or TimeframeState.Ready);

    /// <summary>
    /// Marks <paramref name="timeframe"/> (and the 1-minute series it needs) as loading where it is not loaded yet,
    /// or failed long enough ago; returns the loads to start.
    /// </summary>
    public List<(Timeframe Timeframe, TimeframeState.Loading Loading)> Start(Timeframe timeframe)
    {
        var started = new List<(Timeframe, TimeframeState.Loading)>(2);
        TryStart(Timeframe.Minute1, started);
        // Not without its minutes: a longer timeframe whose minutes failed a moment ago waits for their retry.
        if (timeframe != Timeframe.Minute1 && _states[(int)Timeframe.Minute1] is not TimeframeState.Failed) TryStart(timeframe, started);
        return started;
    }

    private void TryStart(Timeframe timeframe, List<(Timeframe, TimeframeState.Loading)> started)
    {
        var state = _states[(int)timeframe];
        if (state is TimeframeState.Failed failed ? time.GetUtcNow() - failed.Started < RetryLoadAfter : state is not TimeframeState.NotLoaded) return;
        var loading = new TimeframeState.Loading([]);
        _states[(int)timeframe] = loading;
        started.Add((timeframe, loading));
    }

    /// <summary>Holds a live minute for every timeframe being loaded, to apply once its load ends.</summary>
    public void Hold(Bar minute)
    {
        foreach (var state in _states)
        {
            if (state is TimeframeState.Loading { HeldBars: { Count: < MaxBarsWhileLoading } held }) held.Add(minute);
        }
    }

    /// <summary>
    /// Loads one timeframe and applies the live minutes it held, leaving it ready or failed; never throws.
    /// <paramref name="ready"/> is called in the same turn as the timeframe becomes ready, before any live minute
    /// reaches it, with the feed's number of the newest stored minute it loaded (0 when none, and for longer timeframes).
    /// </summary>
    public async Task LoadAsync(Timeframe timeframe, TimeframeState.Loading loading, Action<Timeframe, long> ready)
    {
        var started = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var series = history[timeframe];
            var asOf = source.Now;
            var loaded = await histories.LoadAsync(symbol, timeframe, series.Capacity, asOf, CancellationToken.None);
            // A longer timeframe catches up from the cached minutes, so those must be in first.
            if (timeframe != Timeframe.Minute1)
            {
                while (_states[(int)Timeframe.Minute1] is TimeframeState.Loading minutes) await minutes.Ended.Task;
                if (_states[(int)Timeframe.Minute1] is TimeframeState.Failed failed)
                {
                    _states[(int)timeframe] = new TimeframeState.Failed(failed.Error, started);
                    return;
                }
            }
            series.Load(loaded.History.Bars, loaded.History.IsComplete);
            // The minutes in progress when the load started were asked for too (StoreFirstHistory.LoadAsync).
            var loadedTo = BarAggregator.BucketStart(asOf, Timeframe.Minute1).AddMinutes(1);
            if (timeframe == Timeframe.Minute1)
            {
                // The upstream subscription may have taken effect after the history was read: the minutes between
                // came neither way (StoreFirstHistory.ReadSeamAsync). Live minutes that come meanwhile are held too.
                if (loading.HeldBars.Count > 0)
                {
                    foreach (var bar in await histories.ReadSeamAsync(symbol, series.Last?.Time, loading.HeldBars[0].Time)) history.Apply(bar);
                }
                // In the order they came; those the load already had are dropped as duplicates.
                foreach (var bar in loading.HeldBars) history.Apply(bar);
                _seamOpen = loading.HeldBars.Count == 0;
            }
            else
            {
                history.GoLive(timeframe, loading.HeldBars, loadedTo);
            }
            // Counted as loaded, not as cached: warm-up bars are loaded but not cached.
            _foundBars |= loaded.History.Bars.Count > 0;
            _states[(int)timeframe] = TimeframeState.Ready.Instance;
            ready(timeframe, timeframe == Timeframe.Minute1 ? loaded.NewestSequence : 0);
            LogLoaded(logger, symbol, timeframe.Name(), series.Count, stopwatch.ElapsedMilliseconds);
        }
        catch (Exception ex)
        {
            _states[(int)timeframe] = new TimeframeState.Failed(
                $"{timeframe.Name()} history for {symbol} could not be loaded from the {source.FeedName} feed: {SourceErrors.Describe(ex)}", started);
            LogLoadFailed(logger, ex, symbol, timeframe.Name());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Symbol {Symbol}: loaded {BarCount} {Timeframe} bars in {ElapsedMs} ms")]
    private static partial void LogLoaded(ILogger logger, string symbol, string timeframe, int barCount, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Symbol {Symbol}: {Timeframe} history could not be loaded")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string symbol, string timeframe);
}
