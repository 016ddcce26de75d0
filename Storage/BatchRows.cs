using OrleansMarketData.Model;

namespace OrleansMarketData.Storage;

/// <summary>
/// A batch as the engines write it: bars in key order (the order every transaction locks rows in, so two writers
/// never deadlock), one per key; the sequence heads it advances; its coverage merged.
/// </summary>
internal static class BatchRows
{
    /// <summary>
    /// The bars ordered by (symbol, timeframe, start), the later of two with one key kept, as if they were written
    /// one after the other: a bar without a sequence number takes that of the bar it replaces.
    /// </summary>
    public static IReadOnlyList<StoredBar> Ordered(IReadOnlyList<StoredBar> bars)
    {
        if (IsStrictlyOrdered(bars)) return bars;
        var indexed = new (StoredBar Bar, int Index)[bars.Count];
        for (var i = 0; i < bars.Count; i++) indexed[i] = (bars[i], i);
        Array.Sort(indexed, static (a, b) => Compare(a.Bar, b.Bar) is var c and not 0 ? c : a.Index.CompareTo(b.Index));
        var result = new List<StoredBar>(indexed.Length);
        foreach (var (bar, _) in indexed)
        {
            if (result.Count > 0 && Compare(result[^1], bar) == 0)
            {
                var replaced = result[^1];
                result[^1] = bar.Sequence is null && replaced.Sequence is not null ? bar with { Sequence = replaced.Sequence } : bar;
            }
            else result.Add(bar);
        }
        return result;
    }

    /// <summary>Per symbol, the highest sequence number of the batch and the newest start of a bar that has one.</summary>
    public static List<SequenceHead> Heads(IReadOnlyList<StoredBar> bars)
    {
        var heads = new Dictionary<string, SequenceHead>(StringComparer.Ordinal);
        foreach (var bar in bars)
        {
            if (bar.Sequence is not { } sequence) continue;
            heads[bar.Symbol] = heads.TryGetValue(bar.Symbol, out var head)
                ? new SequenceHead(bar.Symbol, Math.Max(head.Sequence, sequence), bar.Time > head.NewestBarTime ? bar.Time : head.NewestBarTime)
                : new SequenceHead(bar.Symbol, sequence, bar.Time);
        }
        return heads.Values.OrderBy(h => h.Symbol, StringComparer.Ordinal).ToList();
    }

    /// <summary>The ranges in (symbol, timeframe, start) order, those that overlap or touch merged.</summary>
    public static List<BarRange> MergedCoverage(IReadOnlyList<BarRange> ranges)
    {
        var sorted = ranges
            .OrderBy(r => r.Symbol, StringComparer.Ordinal).ThenBy(r => r.Timeframe).ThenBy(r => r.From)
            .ToList();
        var merged = new List<BarRange>(sorted.Count);
        foreach (var range in sorted)
        {
            if (merged.Count > 0 && merged[^1] is var last && last.Symbol == range.Symbol && last.Timeframe == range.Timeframe
                && range.From <= last.To)
            {
                if (range.To > last.To) merged[^1] = last with { To = range.To };
            }
            else merged.Add(range);
        }
        return merged;
    }

    private static bool IsStrictlyOrdered(IReadOnlyList<StoredBar> bars)
    {
        for (var i = 1; i < bars.Count; i++)
        {
            if (Compare(bars[i - 1], bars[i]) >= 0) return false;
        }
        return true;
    }

    private static int Compare(StoredBar a, StoredBar b)
    {
        var c = string.CompareOrdinal(a.Symbol, b.Symbol);
        if (c != 0) return c;
        c = a.Timeframe.CompareTo(b.Timeframe);
        return c != 0 ? c : a.Time.UtcTicks.CompareTo(b.Time.UtcTicks);
    }
}
