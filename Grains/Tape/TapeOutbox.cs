using Microsoft.Extensions.Logging;
using OrleansMarketData.Delivery;
using OrleansMarketData.Grains;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tape;

/// <summary>
/// The tape messages waiting for one gateway (<see cref="Outbox{T}"/>): at high rates a call carries many messages.
/// Tape messages are not replayed: a gateway that does not keep up loses what waits beyond <see cref="MaxWaiting"/>.
/// </summary>
internal sealed partial class TapeOutbox(ITapeObserver observer, ILogger logger) : Outbox<TapeEvent>(MaxPerCall, MaxWaiting)
{
    public const int MaxPerCall = 5_000;
    /// <summary>Quotes older than this many messages behind are of no use to anyone.</summary>
    public const int MaxWaiting = 200_000;

    /// <summary>Queues messages and starts the sender if it is not running (a tape outbox is never retired).</summary>
    public void Add(List<TapeEvent> events) => TryQueue(events);

    protected override Task CallAsync(List<TapeEvent> items) => observer.OnTape(items);

    protected override void Overflowed(int dropped) => LogOverflow(logger, dropped, observer.GetGrainId());

    protected override void Failed(Exception exception, int count) => LogFailed(logger, exception, count, observer.GetGrainId());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} tape messages to gateway {Gateway} failed; they are lost")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count, GrainId gateway);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped {Count} tape messages waiting for gateway {Gateway}, which does not keep up")]
    private static partial void LogOverflow(ILogger logger, int count, GrainId gateway);
}
