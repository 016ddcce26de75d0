using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansMarketData.Sources;

namespace OrleansMarketData.Feeds;

/// <summary>
/// Runs on every silo and pings the feed's grain periodically, so that when the silo holding it dies the grain is
/// activated again elsewhere within one period.
/// </summary>
public sealed partial class FeedKeeper(IGrainFactory grains, IMarketDataSource source, ILogger<FeedKeeper> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            do
            {
                await PingAsync();
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PingAsync()
    {
        try
        {
            await grains.GetGrain<IMarketFeedGrain>(source.FeedName).Ping();
        }
        catch (Exception ex)
        {
            LogPingFailed(logger, ex, source.FeedName);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed}: keep-alive ping failed")]
    private static partial void LogPingFailed(ILogger logger, Exception exception, string feed);
}
