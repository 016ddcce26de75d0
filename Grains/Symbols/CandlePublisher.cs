using Microsoft.Extensions.Logging;
using OrleansMarketData.Model;

namespace OrleansMarketData.Symbols;

/// <summary>
/// Publishes a symbol grain's candle batches to its candle stream, in order, keeping those whose publish failed.
/// A bar is already in the history when its batch is published, so when the stream delivers the bar again
/// <c>SymbolHistory.Apply</c> finds nothing new: a failed batch is kept, with its version, and sent first at the
/// next attempt. A batch that did reach the stream before its call failed then arrives twice with one version, and
/// readers skip the second. The exception goes back to the caller, so the bar stream delivers the bar again.
/// </summary>
public sealed partial class CandlePublisher(IAsyncStream<CandleBatch> stream, string symbol, ILogger logger)
{
    /// <summary>Batches kept for a stream that keeps failing; beyond that gateways catch up from the history.</summary>
    public const int MaxUnpublished = 1_000;

    private readonly Queue<CandleBatch> _unpublished = new();

    /// <summary>Sends the batches kept from failed publishes, then <paramref name="batch"/> (if any).</summary>
    public async Task PublishAsync(CandleBatch? batch)
    {
        if (batch is not null)
        {
            _unpublished.Enqueue(batch);
            if (_unpublished.Count > MaxUnpublished) _unpublished.Dequeue();
        }
        while (_unpublished.TryPeek(out var next))
        {
            try
            {
                await stream.OnNextAsync(next);
            }
            catch (Exception ex)
            {
                LogPublishFailed(logger, ex, symbol, next.Version, _unpublished.Count);
                throw;
            }
            _unpublished.Dequeue();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Symbol {Symbol}: publishing candle batch {Version} failed; {Unpublished} batches kept for the next attempt")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string symbol, long version, int unpublished);
}
