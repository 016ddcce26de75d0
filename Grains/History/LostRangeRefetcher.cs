using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansMarketData.Model;
using OrleansMarketData.Storage;

namespace OrleansMarketData.History;

/// <summary>
/// Fills the holes an overflowing write queue left: once the store takes writes again, the ranges of the batches
/// the <see cref="BarStoreWriter"/> dropped are fetched from the source and stored as a load stores what it fetches
/// (<see cref="StoreFirstHistory.RefetchAsync"/>: settled bars, with the coverage that has ended). A range the source
/// could not give is tried again next round. One per silo, beside the writer.
/// </summary>
public sealed partial class LostRangeRefetcher(
    BarStoreWriter writer, StoreFirstHistory histories, TimeProvider time, ILogger<LostRangeRefetcher> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private readonly List<BarRange> _pending = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken)) await RefetchAsync(stoppingToken);
    }

    /// <summary>One round: nothing while the store is degraded; else every lost range, each fetched and written.</summary>
    public async Task RefetchAsync(CancellationToken cancellationToken)
    {
        if (writer.Status.Degraded) return;
        _pending.AddRange(await writer.TakeLostRangesAsync(cancellationToken));
        if (_pending.Count == 0) return;
        var ranges = _pending.ToList();
        _pending.Clear();
        foreach (var range in ranges)
        {
            try
            {
                if (await histories.RefetchAsync(range, cancellationToken))
                    LogRefetched(logger, range.Symbol, range.Timeframe.Name(), range.From, range.To);
                else
                    _pending.Add(range);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                _pending.Add(range);
                LogRefetchFailed(logger, ex, range.Symbol, range.Timeframe.Name(), range.From, range.To);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol} {Timeframe}: refetched [{From:O}, {To:O}), which the bar store's queue had dropped")]
    private static partial void LogRefetched(ILogger logger, string symbol, string timeframe, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Symbol} {Timeframe}: [{From:O}, {To:O}) could not be refetched; trying again in a while")]
    private static partial void LogRefetchFailed(ILogger logger, Exception exception, string symbol, string timeframe, DateTimeOffset from, DateTimeOffset to);
}
