namespace OrleansMarketData.Storage;

/// <summary>
/// The <see cref="BarStoreWriter"/>'s batches waiting for the store, in two lanes each in the order handed in: live
/// bars, written first, and bulk (history pages, refetches). Owned by the writer's loop alone.
/// </summary>
internal sealed class WriteBacklog<T>(Func<T, bool> isLive, Func<T, int> barsOf)
{
    private readonly Queue<T> _live = new();
    private readonly Queue<T> _bulk = new();

    public int Count => _live.Count + _bulk.Count;

    /// <summary>Live batches are waiting: the next group is theirs.</summary>
    public bool HasLive => _live.Count > 0;

    public IEnumerable<T> All => _live.Concat(_bulk);

    public void Enqueue(T write) => (isLive(write) ? _live : _bulk).Enqueue(write);

    /// <summary>The next writes for one transaction, all of one lane: whole batches up to <paramref name="maxBars"/>, at least one.</summary>
    public IReadOnlyList<T> Head(int maxBars)
    {
        var lane = _live.Count > 0 ? _live : _bulk;
        var group = new List<T>();
        var bars = 0;
        foreach (var write in lane)
        {
            if (group.Count > 0 && bars + barsOf(write) > maxBars) break;
            group.Add(write);
            bars += barsOf(write);
        }
        return group;
    }

    /// <summary>Takes out a group <see cref="Head"/> gave, once it is stored.</summary>
    public void Remove(IReadOnlyList<T> group)
    {
        var lane = _live.Count > 0 ? _live : _bulk;
        for (var i = 0; i < group.Count; i++) lane.Dequeue();
    }
}
