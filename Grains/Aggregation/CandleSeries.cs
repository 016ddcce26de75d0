using OrleansMarketData.Calendar;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// The cached candles of one timeframe, oldest first, with indicators kept current bar by bar, stored as
/// <see cref="CandleRow"/> values in a ring buffer. It caches at most <c>servedBars</c> bars. The warm-up bars before
/// them are not kept: they only feed a <em>checkpoint</em>, the indicator state after every bar before the first
/// cached one, which moves forward as the oldest bars are dropped. A late correction recomputes exactly from the
/// checkpoint over the cached bars. When the source had no older bars, every bar is cached and served, with null
/// indicators during warm-up; a series that was only ever upserted caches its first warm-up bars but does not serve them.
/// </summary>
public sealed partial class CandleSeries(Timeframe timeframe, int servedBars, IndicatorOptions settings, IMarketCalendar calendar)
{
    private readonly CandleBuffer _rows = new();
    private readonly int _warmup = settings.WarmupBars;
    private readonly MarketStatusCache _status = new(calendar, timeframe);
    private IndicatorSet _indicators = new(settings);
    private IndicatorSet _checkpoint = new(settings);
    /// <summary>Position (counting from the first bar ever added or loaded) of the first bar that may be served.</summary>
    private int _servableFrom = settings.WarmupBars;
    /// <summary>Bars folded into the checkpoint since the series was created or loaded.</summary>
    private int _dropped;
    /// <summary>Bars starting at or before this cannot be applied: the checkpoint already holds bars that follow them.</summary>
    private long _floorTicks = long.MinValue;
    private bool _holdsAllBars = true;
    /// <summary>Candles handed out since the last change, so that repeated reads return the same objects.</summary>
    private readonly MaterialisedCandles _materialised = new();

    public Timeframe Timeframe { get; } = timeframe;

    /// <summary>How many bars a load asks for: the served bars plus the indicator warm-up before them.</summary>
    public int Capacity => servedBars + _warmup;

    /// <summary>Cached bars (warm-up of an upserted series included).</summary>
    public int Count => _rows.Count;

    public DateTimeOffset? FirstTime => _rows.Count == 0 ? null : _rows[0].Time;

    /// <summary>Start of the newest cached bar in UTC ticks; <see cref="long.MinValue"/> when there is none.</summary>
    public long LastTicks => _rows.Count == 0 ? long.MinValue : _rows.Newest.Ticks;

    public Candle? Last => _materialised.Last(_rows);

    /// <summary>
    /// True while no bar older than the first cached one exists: the series was only ever upserted, or loaded with
    /// the full history, and nothing has been dropped since.
    /// </summary>
    public bool HoldsAllBars => _holdsAllBars;

    /// <summary>The cached row at <paramref name="index"/> (0 is the oldest).</summary>
    public ref readonly CandleRow Row(int index) => ref _rows[index];

    /// <summary>
    /// Replaces the contents with <paramref name="bars"/> (oldest first, distinct times). Of a partial history the
    /// first warm-up bars only feed the checkpoint; the newest bar is always cached, so that it can still be revised.
    /// </summary>
    public void Load(IReadOnlyList<Bar> bars, bool holdsFullHistory)
    {
        _servableFrom = holdsFullHistory ? 0 : _warmup;
        _holdsAllBars = holdsFullHistory;
        _dropped = 0;
        _floorTicks = holdsFullHistory || bars.Count == 0 ? long.MinValue : bars[0].Time.UtcTicks - 1;
        _indicators = new IndicatorSet(settings);
        _checkpoint = new IndicatorSet(settings);
        // Not cached: the warm-up of a partial history and any bars beyond the served ones, but never the newest bar.
        var skip = Math.Min(Math.Max(Math.Min(bars.Count, _servableFrom), bars.Count - servedBars), Math.Max(0, bars.Count - 1));
        for (var i = 0; i < skip; i++) Consume(CandleRow.Of(bars[i]));
        _rows.Reset(bars.Count - skip);
        _indicators.CopyFrom(_checkpoint);
        for (var i = skip; i < bars.Count; i++) Open(ref _rows.Add(CandleRow.Of(bars[i]), TradeFields.Of(bars[i])));
        Invalidate();
    }

    /// <summary>
    /// Adds or replaces the bar of <paramref name="bar"/>'s start (its status and indicators are ignored and computed),
    /// with <paramref name="trades"/> as its trade count and VWAP.
    /// A bar at or before the newest bar folded into the checkpoint is left out (<see cref="SeriesChange.BeforeCache"/>):
    /// applying it exactly would need the bars before it, which are no longer held. It only happens to bars older
    /// than the whole cache, and readers get those from the source or the archive (SymbolGrain.GetBars), which carry
    /// the correction themselves.
    /// </summary>
    public SeriesChange Upsert(in CandleRow bar, in TradeFields trades)
    {
        if (bar.Ticks <= _floorTicks) return SeriesChange.BeforeCache;
        var count = _rows.Count;
        if (count == 0 || bar.Ticks > _rows.Newest.Ticks)
        {
            if (!_rows.TryGrow(Limit)) DropOldest();
            Open(ref _rows.Add(bar, trades));
            Trim();
            Invalidate();
            return SeriesChange.Appended;
        }

        // A forming bar is revised far more often than older bars are: skip the search for it.
        var index = bar.Ticks == _rows[count - 1].Ticks ? count - 1 : _rows.IndexOf(bar.Ticks);
        if (index >= 0)
        {
            ref var row = ref _rows[index];
            if (row.SameBar(bar) && _rows.TradesAt(index) == trades) return SeriesChange.None;
            // Same start time, so the same market status: a forming bucket is revised every minute.
            row.SetPrices(bar);
            _rows.SetTrades(index, trades);
            Invalidate();
            if (index < count - 1)
            {
                Recompute();
                return SeriesChange.RevisedEarlier;
            }
            _indicators.Revise(row.High, row.Low, row.Close, out row.Indicators);
            return SeriesChange.RevisedLast;
        }

        Insert(~index, bar, trades);
        Recompute();
        Invalidate();
        return SeriesChange.RevisedEarlier;
    }

    /// <summary>
    /// Adds a later minute to the newest bar in place when that bar starts at <paramref name="bucketTicks"/> (the
    /// forming bucket of a longer timeframe): what <see cref="Upsert(in CandleRow, in TradeFields)"/> of the merged bar
    /// does, without building and searching for it. False, with nothing changed, when the newest bar is another.
    /// </summary>
    public bool TryExtendNewest(long bucketTicks, in CandleRow minute, in TradeFields minuteTrades, out SeriesChange change)
    {
        change = SeriesChange.None;
        var newest = _rows.Count - 1;
        if (newest < 0) return false;
        ref var row = ref _rows[newest];
        if (row.Ticks != bucketTicks) return false;
        var high = double.MaxNative(row.High, minute.High);
        var low = double.MinNative(row.Low, minute.Low);
        var rowTrades = _rows.TradesAt(newest);
        var trades = TradeFields.Merge(rowTrades, row.Volume, minuteTrades, minute.Volume);
        if (minute.Volume == 0 && high.Equals(row.High) && low.Equals(row.Low) && minute.Close.Equals(row.Close)
            && trades == rowTrades) return true;
        (row.High, row.Low, row.Close, row.Volume) = (high, low, minute.Close, row.Volume + minute.Volume);
        _rows.SetTrades(newest, trades);
        _indicators.Revise(high, low, minute.Close, out row.Indicators);
        Invalidate();
        change = SeriesChange.RevisedLast;
        return true;
    }

    /// <summary>Leading cached bars not served: the warm-up of a series that did not load its warm-up separately.</summary>
    private int Hidden => Math.Max(0, _servableFrom - _dropped);

    /// <summary>Bars cached at most: the served ones plus any hidden warm-up in front of them.</summary>
    private int Limit => servedBars + Hidden;

    private void Insert(int index, in CandleRow bar, in TradeFields trades)
    {
        if (!_rows.TryGrow(Limit))
        {
            // Full. A bar older than every cached one (and newer than every dropped one) goes straight into the
            // checkpoint; otherwise the oldest cached bar, which is older than this one, makes room.
            if (index == 0)
            {
                Consume(bar);
                return;
            }
            DropOldest();
            index--;
        }
        var row = bar;
        row.Status = _status.Classify(row.Ticks);
        _rows.Insert(index, row, trades);
        Trim();
    }

    /// <summary>Recomputes every cached bar's indicators from the checkpoint: exactly what a computation from the first bar gives.</summary>
    private void Recompute()
    {
        _indicators.CopyFrom(_checkpoint);
        for (var i = 0; i < _rows.Count; i++)
        {
            ref var row = ref _rows[i];
            _indicators.Add(row.High, row.Low, row.Close, out row.Indicators);
        }
    }

    /// <summary>Drops the oldest bars beyond <see cref="Limit"/>: one per new bar once the cache is full.</summary>
    private void Trim()
    {
        while (_rows.Count > Limit) DropOldest();
    }

    private void DropOldest()
    {
        Consume(_rows[0]);
        _rows.RemoveFirst();
    }

    /// <summary>Folds a bar older than every cached one into the checkpoint: O(1), like any indicator update.</summary>
    private void Consume(in CandleRow bar)
    {
        _checkpoint.Advance(bar.High, bar.Low, bar.Close);
        _floorTicks = bar.Ticks;
        _dropped++;
        _holdsAllBars = false;
    }

    /// <summary>Completes a row just added as the newest: its market status and indicators.</summary>
    private void Open(ref CandleRow row)
    {
        row.Status = _status.Classify(row.Ticks);
        _indicators.Add(row.High, row.Low, row.Close, out row.Indicators);
    }

    private void Invalidate() => _materialised.Clear();
}
