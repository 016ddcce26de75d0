using System.Threading.Channels;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// Each symbol's missing minutes, from the last bar received until a backfill filled them, and the publishing of
/// bars in order around them: while a symbol has a gap its live bars are held, and once the gap is filled the
/// backfilled bars go out first, then the held ones newer than them. A gap stays until filled, however often the
/// backfill fails. The stream's reader and the backfill run side by side; one lock orders what they publish.
/// </summary>
internal sealed class BackfillGaps(ChannelWriter<SymbolBar> bars)
{
    /// <summary>A week of minutes: more than any outage the backfill waits out, and a bound on what is held.</summary>
    private const int MaxHeld = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _lastBar = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Gap> _gaps = new(StringComparer.Ordinal);

    /// <summary>Symbols whose gap is not filled yet, and since when the oldest is open.</summary>
    public (int Symbols, DateTimeOffset? Since) Pending
    {
        get
        {
            lock (_lock) return (_gaps.Count, _gaps.Count == 0 ? null : _gaps.Values.Min(g => g.After));
        }
    }

    /// <summary>A live bar: published, or held while its symbol has a gap.</summary>
    public void Live(string symbol, Bar bar)
    {
        lock (_lock)
        {
            if (_gaps.TryGetValue(symbol, out var gap))
            {
                if (gap.Held.Count == MaxHeld) gap.Held.RemoveAt(0);
                gap.Held.Add(bar);
            }
            else Publish(symbol, bar);
        }
    }

    /// <summary>The symbol's bars after <paramref name="after"/> are owed (a feed grain activated anew resumes there).</summary>
    public void Resume(string symbol, DateTimeOffset after)
    {
        lock (_lock)
        {
            if (_lastBar.GetValueOrDefault(symbol) < after) _lastBar[symbol] = after;
            Open(symbol);
        }
    }

    /// <summary>A new stream session: every symbol with a bar before it may have missed minutes since.</summary>
    public void Reconnected(IEnumerable<string> symbols)
    {
        lock (_lock)
        {
            foreach (var symbol in symbols) Open(symbol);
        }
    }

    /// <summary>Nobody wants the symbol any more: its gap and held bars go.</summary>
    public void Drop(string symbol)
    {
        lock (_lock) _gaps.Remove(symbol);
    }

    /// <summary>The symbols to backfill and the minute to start from; null when no gap is open.</summary>
    public (string[] Symbols, DateTimeOffset From)? Next()
    {
        lock (_lock)
        {
            if (_gaps.Count == 0) return null;
            return (_gaps.Keys.ToArray(), _gaps.Values.Min(g => g.After).AddMinutes(1));
        }
    }

    /// <summary>Closes the symbols' gaps with the bars the backfill found (none: nothing was missed); how many were published.</summary>
    public int Fill(IReadOnlyCollection<string> symbols, IReadOnlyDictionary<string, List<Bar>> missed)
    {
        var count = 0;
        lock (_lock)
        {
            foreach (var symbol in symbols)
            {
                if (!_gaps.Remove(symbol, out var gap)) continue;
                var last = gap.After;
                foreach (var bar in missed.GetValueOrDefault(symbol, []).Where(b => b.Time > gap.After).OrderBy(b => b.Time))
                {
                    Publish(symbol, bar);
                    last = bar.Time;
                    count++;
                }
                // Held bars of minutes the backfill already sent would be duplicates; a revision of the last one is not.
                foreach (var bar in gap.Held.Where(b => b.Time >= last)) Publish(symbol, bar);
            }
        }
        return count;
    }

    private void Open(string symbol)
    {
        if (!_gaps.ContainsKey(symbol) && _lastBar.TryGetValue(symbol, out var last)) _gaps[symbol] = new Gap(last);
    }

    private void Publish(string symbol, Bar bar)
    {
        if (_lastBar.GetValueOrDefault(symbol) < bar.Time) _lastBar[symbol] = bar.Time;
        bars.TryWrite(new SymbolBar(symbol, bar));
    }

    private sealed record Gap(DateTimeOffset After)
    {
        public List<Bar> Held { get; } = [];
    }
}
