using OrleansMarketData.Storage;

namespace OrleansMarketData.History;

/// <summary>
/// Hands the bars a history load fetched to the bar store's writer, without waiting for the write. For a source whose
/// history costs upstream requests (Alpaca's) it first waits, up to a minute, for room in the writer's queue, rather
/// than have the batch skipped and fetched again after a restart; the simulator's history costs nothing to make again.
/// One batch at a time looks for room and takes it: one multi-symbol request ends a hundred loads at once, and all of
/// them would otherwise see the same room and overfill it.
/// </summary>
public sealed class HistoryHandIn(BarStoreWriter writer, bool waitForRoom)
{
    /// <summary>The longest a batch waits for room before it is handed in all the same (and maybe skipped).</summary>
    private static readonly TimeSpan RoomWait = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Ends once the writer has taken the batch.</summary>
    public async Task HandInAsync(BarBatch batch)
    {
        if (!waitForRoom)
        {
            _ = writer.WriteAsync(batch).AsTask();
            return;
        }
        await _one.WaitAsync();
        try
        {
            await writer.WaitForRoomAsync(batch.Bars.Count, RoomWait, CancellationToken.None);
            _ = writer.WriteAsync(batch).AsTask();
        }
        finally
        {
            _one.Release();
        }
    }
}
