using Microsoft.Extensions.Logging;
using OrleansMarketData.Grains;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tape;

/// <summary>
/// The tape messages waiting for one gateway, and the one sender that delivers them in order, at most
/// <see cref="MaxPerCall"/> per call: whatever arrives while a call is in flight goes in the next one, so at high
/// rates a call carries many messages (the pattern of Grains/Delivery/GatewayOutbox.cs). The sender runs on the thread
/// pool. Tape messages are not replayed: a gateway that does not keep up loses what waits (<see cref="MaxWaiting"/>).
/// </summary>
internal sealed partial class TapeOutbox(ITapeObserver observer, ILogger logger)
{
    public const int MaxPerCall = 5_000;
    /// <summary>Beyond this a gateway that does not answer loses what waits: quotes this old are of no use to anyone.</summary>
    public const int MaxWaiting = 200_000;

    private readonly Lock _lock = new();
    private List<TapeEvent> _waiting = [];
    private bool _sending;
    private int _failedCalls;

    /// <summary>Queues messages and starts the sender if it is not running.</summary>
    public void Add(List<TapeEvent> events)
    {
        lock (_lock)
        {
            if (_waiting.Count + events.Count > MaxWaiting)
            {
                LogOverflow(logger, _waiting.Count, observer.GetGrainId());
                _waiting.Clear();
            }
            _waiting.AddRange(events);
            if (_sending) return;
            _sending = true;
        }
        _ = Task.Run(SendAsync);
    }

    /// <summary>Nothing waits and no call is in flight: the relay may drop this outbox without reordering anything.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_lock) return !_sending && _waiting.Count == 0;
        }
    }

    private async Task SendAsync()
    {
        while (true)
        {
            List<TapeEvent> call;
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
                await observer.OnTape(call);
                _failedCalls = 0;
            }
            catch (Exception ex)
            {
                // One line per outage, not per call: a gateway that went away fails every call until it lapses.
                if (_failedCalls++ == 0) LogFailed(logger, ex, call.Count, observer.GetGrainId());
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} tape messages to gateway {Gateway} failed; they are lost")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count, GrainId gateway);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped {Count} tape messages waiting for gateway {Gateway}, which does not keep up")]
    private static partial void LogOverflow(ILogger logger, int count, GrainId gateway);
}
