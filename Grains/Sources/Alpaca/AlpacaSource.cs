using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Indicators;
using OrleansMarketData.Model;
using OrleansMarketData.Telemetry;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>Alpaca: REST for history and the calendar, one stream connection for live bars.</summary>
public sealed class AlpacaSource(
    IOptions<AlpacaOptions> options, IOptions<HistoryDepth> depth, IOptions<IndicatorSettings> indicators,
    AlpacaRestClient rest, HistoryBatcher batcher, AlpacaCalendar calendar,
    TimeProvider time, MarketDataMetrics metrics, ILogger<AlpacaLiveFeed> feedLogger) : IMarketDataSource
{
    public string FeedName => options.Value.Feed;

    public bool IsAlpaca => true;

    public IMarketCalendar Calendar => calendar;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Any well-formed symbol may exist upstream; one with no history at all is then reported unknown.</summary>
    public ValueTask<bool> IsKnownSymbolAsync(string symbol, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    /// <summary>Never complete: a thin feed leaves gaps, so a short answer does not mean there is nothing older.</summary>
    public async Task<BarHistory> GetBarsAsync(
        string symbol, Timeframe timeframe, int count, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await calendar.EnsureFreshAsync(rest, cancellationToken);
        var (start, end) = HistoryRange.For(calendar, timeframe, count, asOf);
        var bars = timeframe is not (Timeframe.Minute1 or Timeframe.Day1) && MinuteRange(asOf) is var minutes && minutes.Start <= start
            ? await DeriveFromMinutesAsync(symbol, timeframe, minutes, start, cancellationToken)
            : await batcher.GetBarsAsync(symbol, timeframe.Name(), start, end, cancellationToken);
        return new BarHistory(bars.Count > count ? bars.GetRange(bars.Count - count, count) : bars, IsComplete: false);
    }

    /// <summary>The range the symbol's 1-minute history is loaded from, at the same moment.</summary>
    private (DateTimeOffset Start, DateTimeOffset End) MinuteRange(DateTimeOffset asOf) =>
        HistoryRange.For(calendar, Timeframe.Minute1, depth.Value.Minute1 + indicators.Value.WarmupBars, asOf);

    /// <summary>
    /// Builds an intraday timeframe from the 1-minute history when that covers it: the request is the very one the
    /// 1-minute series makes, so the batcher serves both from one upstream request.
    /// </summary>
    private async Task<List<Bar>> DeriveFromMinutesAsync(
        string symbol, Timeframe timeframe, (DateTimeOffset Start, DateTimeOffset End) minutes, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var bars = new List<Bar>();
        foreach (var minute in await batcher.GetBarsAsync(symbol, Timeframe.Minute1.Name(), minutes.Start, minutes.End, cancellationToken))
        {
            var bucket = BarAggregator.BucketStart(minute.Time, timeframe);
            if (bucket < start) continue;
            if (bars.Count > 0 && bars[^1].Time == bucket) bars[^1] = BarAggregator.Merge(bars[^1], minute);
            else bars.Add(minute with { Time = bucket });
        }
        return bars;
    }

    public ILiveBarFeed OpenLiveFeed() => new AlpacaLiveFeed(options.Value, rest, calendar, time, feedLogger, metrics);
}
