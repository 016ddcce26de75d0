using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Sockets;

public sealed partial class SymbolSubscription
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway subscribed to {Symbol} candles")]
    private static partial void LogSubscribed(ILogger logger, string symbol);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway unsubscribed from {Symbol} candles")]
    private static partial void LogUnsubscribed(ILogger logger, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unsubscribing from {Symbol} candles failed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering {Symbol} candle batch {Version} to the gateway's sockets failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string symbol, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol}: {ListenerCount} sockets caught up from the grain's history")]
    private static partial void LogCaughtUp(ILogger logger, string symbol, int listenerCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Catching up {Symbol} sockets from the grain's history failed")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catching up {Symbol} sockets waits: the grain's history is {State}")]
    private static partial void LogCatchUpUnavailable(ILogger logger, string symbol, SymbolState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Symbol} candle batches stopped arriving though the grain published them; catching up from its history")]
    private static partial void LogDeliveryLost(ILogger logger, string symbol);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Symbol} subscription: {Command} failed")]
    private static partial void LogCommandFailed(ILogger logger, Exception exception, string symbol, CommandKind command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking in with the {Symbol} grain failed")]
    private static partial void LogCheckInFailed(ILogger logger, Exception exception, string symbol);
}
