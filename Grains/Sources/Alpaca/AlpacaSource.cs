using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>Alpaca: REST for history and the calendar, one stream connection for live bars.</summary>
public sealed class AlpacaSource(
    IOptions<AlpacaOptions> options, AlpacaRestClient rest, HistoryBatcher batcher, AlpacaCalendar calendar,
    TimeProvider time, ILogger<AlpacaLiveFeed> feedLogger) : IMarketDataSource
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
        var bars = await batcher.GetBarsAsync(symbol, timeframe.Name(), start, end, cancellationToken);
        return new BarHistory(bars.Count > count ? bars.GetRange(bars.Count - count, count) : bars, IsComplete: false);
    }

    public ILiveBarFeed OpenLiveFeed() => new AlpacaLiveFeed(options.Value, rest, calendar, time, feedLogger);
}
