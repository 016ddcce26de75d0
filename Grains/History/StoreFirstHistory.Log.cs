using Microsoft.Extensions.Logging;

namespace OrleansMarketData.History;

public sealed partial class StoreFirstHistory
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Symbol} {Timeframe}: {Stored} bars from the bar store, {Fetched} from the source")]
    private static partial void LogServedFromStore(ILogger logger, string symbol, string timeframe, int stored, int fetched);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Symbol} {Timeframe}: the bar store could not be read; the history comes from the source")]
    private static partial void LogStoreUnreadable(ILogger logger, Exception exception, string symbol, string timeframe);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Symbol}: the bars numbered {After} to {Before} could not be read from the bar store")]
    private static partial void LogMissedUnreadable(ILogger logger, Exception exception, string symbol, long after, long before);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol}: {Count} minutes of [{From:O}, {To:O}) read from the source, between the loaded history and the first live minute")]
    private static partial void LogSeamRead(ILogger logger, string symbol, DateTimeOffset from, DateTimeOffset to, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Symbol}: the minutes of [{From:O}, {To:O}) between the loaded history and the first live minute could not be read")]
    private static partial void LogSeamUnread(ILogger logger, Exception exception, string symbol, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Symbol} {Timeframe}: the bar store refused the source's bars; they are served unstored")]
    private static partial void LogRefused(ILogger logger, Exception exception, string symbol, string timeframe);
}
