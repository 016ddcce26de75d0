using Microsoft.Extensions.Logging;
using OrleansMarketData.Grains;
using OrleansMarketData.Model;

namespace OrleansMarketData.Delivery;

/// <summary>
/// The candle batches waiting for one gateway (<see cref="Outbox{T}"/>). Once retired (idle, see
/// <see cref="CandleFanOut"/>) it takes no more batches. A gateway that does not answer loses what waits beyond
/// <see cref="MaxWaiting"/>, and catches up from the grains' histories when it answers again.
/// </summary>
internal sealed partial class GatewayOutbox(ICandleObserver observer, ILogger logger) : Outbox<CandleBatch>(MaxPerCall, MaxWaiting)
{
    public const int MaxPerCall = 2_000;
    public const int MaxWaiting = 100_000;

    /// <summary>Queues a batch and starts the sender if it is not running; false when this outbox was retired.</summary>
    public bool TryAdd(CandleBatch batch) => TryQueue(batch);

    protected override Task CallAsync(List<CandleBatch> items) => observer.OnCandles(items);

    protected override void Overflowed(int dropped) => LogOverflow(logger, dropped, observer.GetGrainId());

    protected override void Failed(Exception exception, int count) => LogFailed(logger, exception, count, observer.GetGrainId());

    protected override void Recovered(int failedCalls) => LogRecovered(logger, observer.GetGrainId(), failedCalls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {BatchCount} candle batches to gateway {Gateway} failed; it catches up from the histories when it answers again")]
    private static partial void LogFailed(ILogger logger, Exception exception, int batchCount, GrainId gateway);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway {Gateway} answers again after {FailedCalls} failed candle deliveries")]
    private static partial void LogRecovered(ILogger logger, GrainId gateway, int failedCalls);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped {BatchCount} candle batches waiting for gateway {Gateway}, which does not answer")]
    private static partial void LogOverflow(ILogger logger, int batchCount, GrainId gateway);
}
