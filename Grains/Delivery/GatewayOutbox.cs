using Microsoft.Extensions.Logging;
using OrleansMarketData.Grains;
using OrleansMarketData.Model;

namespace OrleansMarketData.Delivery;

/// <summary>
/// The batches waiting for one gateway, and the one sender that delivers them in order, at most
/// <see cref="MaxPerCall"/> per call. The sender runs on the thread pool, not in the grain that queued the batch.
/// Once retired (idle, see <see cref="CandleFanOut"/>) it takes no more batches.
/// </summary>
internal sealed partial class GatewayOutbox(ICandleObserver observer, ILogger logger)
{
    public const int MaxPerCall = 2_000;
    /// <summary>Beyond this a gateway that does not answer loses what waits, and catches up when it answers again.</summary>
    public const int MaxWaiting = 100_000;

    private readonly Lock _lock = new();
    private List<CandleBatch> _waiting = [];
    private bool _sending;
    private bool _retired;
    /// <summary>Whether a batch came since the last sweep looked.</summary>
    private bool _addedSinceSweep = true;
    private int _failedCalls;

    /// <summary>Queues a batch and starts the sender if it is not running; false when this outbox was retired.</summary>
    public bool TryAdd(CandleBatch batch)
    {
        lock (_lock)
        {
            if (_retired) return false;
            _addedSinceSweep = true;
            if (_waiting.Count >= MaxWaiting)
            {
                LogOverflow(logger, _waiting.Count, observer.GetGrainId());
                _waiting.Clear();
            }
            _waiting.Add(batch);
            if (_sending) return true;
            _sending = true;
        }
        _ = Task.Run(SendAsync);
        return true;
    }

    /// <summary>Retires the outbox when it got no batch since the previous sweep and has nothing to send.</summary>
    public bool TryRetireIdle()
    {
        lock (_lock)
        {
            if (_sending || _waiting.Count > 0 || _addedSinceSweep)
            {
                _addedSinceSweep = false;
                return false;
            }
            _retired = true;
            return true;
        }
    }

    private async Task SendAsync()
    {
        while (true)
        {
            List<CandleBatch> call;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _sending = false;
                    return;
                }
                if (_waiting.Count <= MaxPerCall) (call, _waiting) = (_waiting, []);
                else
                {
                    call = _waiting.GetRange(0, MaxPerCall);
                    _waiting.RemoveRange(0, MaxPerCall);
                }
            }
            try
            {
                await observer.OnCandles(call);
                if (_failedCalls > 0) LogRecovered(logger, observer.GetGrainId(), _failedCalls);
                _failedCalls = 0;
            }
            catch (Exception ex)
            {
                // One line per outage, not per call: a gateway that went away fails every call until it lapses.
                if (_failedCalls++ == 0) LogFailed(logger, ex, call.Count, observer.GetGrainId());
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {BatchCount} candle batches to gateway {Gateway} failed; it catches up from the histories when it answers again")]
    private static partial void LogFailed(ILogger logger, Exception exception, int batchCount, GrainId gateway);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway {Gateway} answers again after {FailedCalls} failed candle deliveries")]
    private static partial void LogRecovered(ILogger logger, GrainId gateway, int failedCalls);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped {BatchCount} candle batches waiting for gateway {Gateway}, which does not answer")]
    private static partial void LogOverflow(ILogger logger, int batchCount, GrainId gateway);
}
