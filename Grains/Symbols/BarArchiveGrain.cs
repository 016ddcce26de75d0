using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using OrleansMarketData.Aggregation;
using OrleansMarketData.History;
using OrleansMarketData.Model;
using OrleansMarketData.Sources;

namespace OrleansMarketData.Symbols;

/// <summary>
/// Serves ranges older than the symbol caches. Ascending reads go a window at a time (from the range's start to about
/// a page later), each from the bar store when it holds the window whole, else from the source, whose answer is
/// stored (<see cref="StoreFirstHistory.ReadWindowAsync"/>). Descending reads ask the source for "the newest N bars
/// before T", the one question it answers directly.
/// </summary>
[StatelessWorker]
public sealed partial class BarArchiveGrain(IMarketDataSource source, StoreFirstHistory histories, ILogger<BarArchiveGrain> logger)
    : Grain, IBarArchiveGrain
{
    public async ValueTask<BarPage> GetBars(string symbol, Timeframe timeframe, BarRangeQuery query)
    {
        if (query is not { Start: { } start, End: { } end }) throw new ArgumentException("an archive read needs a start and an end", nameof(query));
        if (!await source.IsKnownSymbolAsync(symbol, CancellationToken.None))
            return new BarPage(SymbolState.UnknownSymbol, [], null, $"unknown symbol '{symbol}'");
        var limit = Math.Max(1, query.Limit);
        // Up to the end of the interval that contains end, so that interval's bar is built from all of its minutes.
        var before = BarAggregator.BucketEnd(BarAggregator.BucketStart(end, timeframe), timeframe);
        try
        {
            if (query.Descending)
            {
                var newest = await source.GetBarsAsync(symbol, timeframe, limit + 1, before, CancellationToken.None);
                return Page(newest.Bars.Where(b => b.Time >= start && b.Time <= end).Reverse().ToList(), limit, null);
            }
            var windowEnd = BarSlots.WindowEnd(source.Calendar, timeframe, start, before, limit + 1);
            var bars = await histories.ReadWindowAsync(symbol, timeframe, start, windowEnd, CancellationToken.None);
            return Page(bars.Where(b => b.Time >= start && b.Time <= end).ToList(), limit, windowEnd < before ? windowEnd : null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReadFailed(logger, ex, symbol, timeframe.Name());
            return new BarPage(SymbolState.Unavailable, [], null, $"older bars of {symbol} could not be read from the {source.FeedName} feed: {SourceErrors.Describe(ex)}");
        }
    }

    private static BarPage Page(List<Bar> bars, int limit, DateTimeOffset? windowEnd) =>
        bars.Count > limit
            ? new BarPage(SymbolState.Ready, bars.GetRange(0, limit), bars[limit].Time)
            : new BarPage(SymbolState.Ready, bars, windowEnd);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Symbol {Symbol}: {Timeframe} bars older than the cache could not be read")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string symbol, string timeframe);
}
