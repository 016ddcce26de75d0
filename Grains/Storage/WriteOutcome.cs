namespace OrleansMarketData.Storage;

/// <summary>What became of a batch handed to the <see cref="BarStoreWriter"/>.</summary>
public enum WriteOutcome
{
    /// <summary>In the store.</summary>
    Stored,

    /// <summary>The store is degraded (or slower than <c>BarStore:WriteTimeout</c>): the batch waits in the queue and is written when the store answers again.</summary>
    Queued,

    /// <summary>The queue was full: the batch is not stored, and its ranges are remembered as lost.</summary>
    Dropped,

    /// <summary>
    /// A bulk batch (history pages, refetches) found the queue half full: it is not stored and not remembered, as the
    /// source can give it again; the rest of the queue is kept for live bars.
    /// </summary>
    Skipped,
}
