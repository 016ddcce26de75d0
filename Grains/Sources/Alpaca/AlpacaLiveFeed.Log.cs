using Microsoft.Extensions.Logging;

namespace OrleansMarketData.Sources.Alpaca;

public sealed partial class AlpacaLiveFeed
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Alpaca stream {Feed}: connected and authenticated")]
    private static partial void LogConnected(ILogger logger, string feed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alpaca stream {Feed}: {State}; reconnecting in {DelaySeconds:0.0} s")]
    private static partial void LogDisconnected(ILogger logger, string feed, string state, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alpaca stream failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alpaca stream {Feed}: subscribed to bars of {SymbolCount} symbols")]
    private static partial void LogSubscription(ILogger logger, string feed, int symbolCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alpaca stream refused a request: {Reason}; subscriptions unchanged")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alpaca backfill: {BarCount} missed bars of {SymbolCount} symbols since {From:O}")]
    private static partial void LogBackfilled(ILogger logger, int barCount, int symbolCount, DateTimeOffset from);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alpaca backfill failed: {Reason}; the missing minutes stay owed and are asked for again")]
    private static partial void LogBackfillFailed(ILogger logger, Exception exception, string reason);
}
