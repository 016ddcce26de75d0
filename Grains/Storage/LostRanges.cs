using OrleansMarketData.Model;

namespace OrleansMarketData.Storage;

/// <summary>
/// The ranges of dropped batches, merged per (symbol, timeframe): for each batch, from its first bar's start to its
/// last bar's end, and every range it would have covered. Refetching such a range from the source restores what the
/// batch held (a minute in it without a bar of the batch is fetched again too, which costs nothing but the row).
/// Owned by the <see cref="BarStoreWriter"/>'s loop alone.
/// </summary>
internal sealed class LostRanges
{
    private readonly Dictionary<(string Symbol, Timeframe Timeframe), List<(DateTimeOffset From, DateTimeOffset To)>> _ranges = [];

    public int Count { get; private set; }

    public void Add(BarBatch batch)
    {
        var hulls = new Dictionary<(string, Timeframe), (DateTimeOffset From, DateTimeOffset To)>();
        foreach (var bar in batch.Bars)
        {
            var key = (bar.Symbol, bar.Timeframe);
            var end = BarEnd(bar.Timeframe, bar.Time);
            hulls[key] = hulls.TryGetValue(key, out var hull)
                ? (Min(hull.From, bar.Time), Max(hull.To, end))
                : (bar.Time, end);
        }
        foreach (var (key, hull) in hulls) Add(key, hull.From, hull.To);
        foreach (var covered in batch.Covered) Add((covered.Symbol, covered.Timeframe), covered.From, covered.To);
    }

    /// <summary>Every range, in (symbol, timeframe, start) order, and forgets them.</summary>
    public IReadOnlyList<BarRange> Take()
    {
        var all = _ranges
            .SelectMany(kv => kv.Value.Select(r => new BarRange(kv.Key.Symbol, kv.Key.Timeframe, r.From, r.To)))
            .OrderBy(r => r.Symbol, StringComparer.Ordinal).ThenBy(r => r.Timeframe).ThenBy(r => r.From)
            .ToList();
        _ranges.Clear();
        Count = 0;
        return all;
    }

    private void Add((string, Timeframe) key, DateTimeOffset from, DateTimeOffset to)
    {
        if (!_ranges.TryGetValue(key, out var list)) _ranges[key] = list = [];
        // Ranges that overlap or touch the new one merge into it; the list stays sorted and disjoint.
        var i = 0;
        while (i < list.Count && list[i].To < from) i++;
        var j = i;
        while (j < list.Count && list[j].From <= to)
        {
            from = Min(from, list[j].From);
            to = Max(to, list[j].To);
            j++;
        }
        Count -= j - i - 1;
        list.RemoveRange(i, j - i);
        list.Insert(i, (from, to));
    }

    /// <summary>Where a bar's interval ends; a day is taken as 24 hours, which covers any session.</summary>
    private static DateTimeOffset BarEnd(Timeframe timeframe, DateTimeOffset start) =>
        start + timeframe.LengthAtMost();

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
