using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;
using OrleansMarketData.Metrics;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>Alpaca: REST for history and the calendar, one stream connection for live bars.</summary>
public sealed class AlpacaSource(
    IOptions<AlpacaOptions> options, IOptions<HistoryOptions> depth, IOptions<IndicatorOptions> indicators,
    AlpacaRestClient rest, HistoryBatcher batcher, AlpacaCalendar calendar, AlpacaAssets assets,
    TimeProvider time, MarketDataMetrics metrics, ILogger<AlpacaLiveFeed> feedLogger) : IMarketDataSource
{
    public string FeedName => options.Value.Feed;

    public bool IsAlpaca => true;

    public IMarketCalendar Calendar => calendar;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// What Alpaca's asset list says. Until the silo has the list (or while fetching it fails) any well-formed
    /// symbol may exist, and one with no history at all is then reported unknown by its symbol grain.
    /// </summary>
    public ValueTask<bool> IsKnownSymbolAsync(string symbol, CancellationToken cancellationToken)
    {
        assets.Refresh(rest);
        return ValueTask.FromResult(assets.Lists(symbol) ?? true);
    }

    public ValueTask<bool?> FindSymbolAsync(string symbol, CancellationToken cancellationToken)
    {
        assets.Refresh(rest);
        return ValueTask.FromResult(assets.Lists(symbol));
    }

    public SymbolListing? Listing => assets.Listing;

    /// <summary>
    /// The newest <paramref name="count"/> bars before <paramref name="asOf"/>. A thin feed (minutes without trades, a
    /// halt, data that lags the clock) can leave the calendar's range for them short; so short that the indicator
    /// warm-up would take every bar and none would be served. Then older ranges are asked for too. Complete when even
    /// the oldest of those left the history short: a symbol that new or that thin is served from its first bar, with
    /// warm-up nulls, rather than not at all.
    /// </summary>
    public async Task<BarHistory> GetBarsAsync(
        string symbol, Timeframe timeframe, int count, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await calendar.EnsureFreshAsync(rest, cancellationToken);
        var enough = indicators.Value.EnoughOf(count);
        var (start, end) = HistoryRange.For(calendar, timeframe, count, asOf);
        List<Bar> bars;
        if (timeframe is not (Timeframe.Minute1 or Timeframe.Day1) && MinuteRange(asOf) is var minutes && minutes.Start <= start
            && await DeriveFromMinutesAsync(symbol, timeframe, minutes, start, cancellationToken) is { } derived && derived.Count >= enough)
            bars = derived;
        else
            bars = await batcher.GetBarsAsync(symbol, timeframe, start, end, cancellationToken);

        return await ReachBackAsync(symbol, timeframe, count, enough, asOf, start, bars, cancellationToken);
    }

    /// <summary>
    /// Prepends older bars, from ranges for 4, 16 and 64 times as many bars (each asked for only before what is
    /// held), until there are <paramref name="enough"/>; the newest <paramref name="count"/> of them.
    /// </summary>
    private async Task<BarHistory> ReachBackAsync(
        string symbol, Timeframe timeframe, int count, int enough, DateTimeOffset asOf, DateTimeOffset start, List<Bar> bars,
        CancellationToken cancellationToken)
    {
        var exhausted = false;
        for (var reach = 4; bars.Count < enough && !exhausted; reach *= 4)
        {
            var (earlier, _) = HistoryRange.For(calendar, timeframe, count * reach, asOf);
            // The calendar may have no older sessions.
            exhausted = earlier >= start || reach == MaxReach;
            if (earlier >= start) break;
            var older = await batcher.GetBarsAsync(symbol, timeframe, earlier, start.AddMinutes(-1), cancellationToken);
            bars = [.. older.Where(b => b.Time < start), .. bars];
            start = earlier;
        }
        // Still short after looking as far back as there is to look: that is all there is.
        return new BarHistory(bars.Count > count ? bars.GetRange(bars.Count - count, count) : bars, exhausted && bars.Count < enough);
    }

    /// <summary>How many times the first range a thin history is looked for in: a few weeks of minutes.</summary>
    private const int MaxReach = 64;

    /// <summary>The range the symbol's 1-minute history is loaded from, at the same moment.</summary>
    private (DateTimeOffset Start, DateTimeOffset End) MinuteRange(DateTimeOffset asOf) =>
        HistoryRange.For(calendar, Timeframe.Minute1, depth.Value.Minute1 + indicators.Value.WarmupBars, asOf);

    /// <summary>
    /// Builds an intraday timeframe from the 1-minute history when that covers it: the request is the very one the
    /// 1-minute series makes, so the batcher serves both from one upstream request.
    /// </summary>
    private async Task<List<Bar>> DeriveFromMinutesAsync(
        string symbol, Timeframe timeframe, (DateTimeOffset Start, DateTimeOffset End) minutes, DateTimeOffset start, CancellationToken cancellationToken) =>
        (await batcher.GetBarsAsync(symbol, Timeframe.Minute1, minutes.Start, minutes.End, cancellationToken))
            .GroupBy(minute => BarAggregator.BucketStart(minute.Time, timeframe))
            .Where(bucket => bucket.Key >= start)
            .Select(bucket => BarAggregator.Combine(bucket.Key, bucket))
            .ToList();

    /// <summary>One request (batched with other symbols asking for the same range), none for a range without sessions.</summary>
    public async Task<IReadOnlyList<Bar>> GetBarsBetweenAsync(
        string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await calendar.EnsureFreshAsync(rest, cancellationToken);
        if (BarSlots.Count(calendar, timeframe, from, to) == 0) return [];
        // Alpaca's end is inclusive.
        var bars = await batcher.GetBarsAsync(symbol, timeframe, from, to.AddSeconds(-1), cancellationToken);
        return bars.Where(bar => bar.Time >= from && bar.Time < to).ToList();
    }

    /// <summary>The feed opens as its silo starts serving: the asset list is fetched then, before symbols are asked about.</summary>
    public ILiveBarFeed OpenLiveFeed()
    {
        assets.Refresh(rest);
        return new AlpacaLiveFeed(options.Value, rest, calendar, time, feedLogger, metrics);
    }
}
