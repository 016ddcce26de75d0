using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// One socket's interest in a symbol's candle stream, in whatever protocol the socket speaks. Its subscription's
/// mailbox loop calls it, one call at a time, in stream order: <see cref="Start"/> once with the snapshot that is the
/// seam, then <see cref="Deliver"/> for each batch and <see cref="Resync"/> after batches may have been lost.
/// </summary>
public interface ICandleListener
{
    /// <summary>The timeframe whose history a catch-up fetches for this listener.</summary>
    Timeframe Timeframe { get; }

    /// <summary>False until <see cref="Start"/>; catch-ups skip listeners that have not started.</summary>
    bool IsStarted { get; }

    void Start(HistorySnapshot snapshot, BatchMessages messages);

    void Deliver(CandleBatch batch, BatchMessages messages);

    void Resync(HistorySnapshot snapshot, BatchMessages messages);
}
