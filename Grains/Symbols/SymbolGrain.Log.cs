using Microsoft.Extensions.Logging;

namespace OrleansMarketData.Symbols;

public sealed partial class SymbolGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Symbol {Symbol}: loaded {BarCount} bars in {ElapsedMs} ms")]
    private static partial void LogLoaded(ILogger logger, string symbol, int barCount, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Symbol {Symbol}: history could not be loaded")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Symbol {Symbol}: renewing the upstream subscription failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Symbol {Symbol}: upstream unsubscribe failed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string symbol);
}
