using Microsoft.Extensions.Logging;

namespace OrleansMarketData.Symbols;

public sealed partial class SymbolGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Symbol {Symbol}: {Skipped} bars were skipped on their way from the feed; {Read} read back from the bar store")]
    private static partial void LogMissedRead(ILogger logger, string symbol, long skipped, int read);

    [LoggerMessage(Level = LogLevel.Error, Message = "Symbol {Symbol}: a load ended in an error")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string symbol);
}
