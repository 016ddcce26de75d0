using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMarketData.Model;

namespace OrleansMarketData.Storage;

/// <summary>
/// Deletes bars older than <c>BarStore:Retention</c> allows, every <c>BarStore:RetentionInterval</c>, in transactions
/// of at most <c>BarStore:RetentionBatchSize</c> bars so that live writes are never held up for long.
/// </summary>
public sealed partial class BarRetentionService(
    IBarStore store, IOptions<BarStoreOptions> options, TimeProvider time, ILogger<BarRetentionService> logger) : BackgroundService
{
    private readonly BarStoreOptions _options = options.Value;

    /// <summary>One sweep over every timeframe with a retention; returns the bars it deleted.</summary>
    public async Task<long> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        long total = 0;
        foreach (var timeframe in Timeframes.All)
        {
            var keep = _options.Retention.For(timeframe);
            if (keep <= TimeSpan.Zero) continue;
            // Whole seconds, as rows are keyed.
            var cutoff = DateTimeOffset.FromUnixTimeSeconds((now - keep).ToUnixTimeSeconds());
            int deleted;
            do
            {
                deleted = await store.DeleteOlderThanAsync(timeframe, cutoff, _options.RetentionBatchSize, cancellationToken);
                total += deleted;
            }
            while (deleted == _options.RetentionBatchSize);
        }
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is NullBarStore) return;
        using var timer = new PeriodicTimer(_options.RetentionInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await SweepAsync(stoppingToken);
                if (deleted > 0) LogSwept(deleted);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // An unreachable store is the writer's to report; the next interval tries again.
                LogFailed(ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bar store retention deleted {Bars} bars")]
    private partial void LogSwept(long bars);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bar store retention failed ({Error}); it runs again after the next interval")]
    private partial void LogFailed(string error);
}
