using System.Collections.Concurrent;

namespace OrleansMarketData.Bench.Chaos;

/// <summary>
/// What the upstream published (each symbol's minutes, with when) and what every follower connection received, so
/// that gaps and duplicates can be counted for the minutes published in a window of time.
/// </summary>
public sealed class BarLedger
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(DateTimeOffset Minute, DateTimeOffset PublishedAt)>> _published = new();
    private readonly ConcurrentBag<FollowerConnection> _connections = [];

    public void Published(string symbol, DateTimeOffset minute) =>
        _published.GetOrAdd(symbol, _ => new()).Enqueue((minute, DateTimeOffset.UtcNow));

    public FollowerConnection Open(string follower, string symbol, bool withHistory)
    {
        var connection = new FollowerConnection(follower, symbol, withHistory);
        _connections.Add(connection);
        return connection;
    }

    /// <summary>
    /// Gaps and duplicates among the minutes published in [<paramref name="from"/>, <paramref name="to"/>):
    /// <list type="bullet">
    /// <item>a follower with history (a chart page: <c>/ws/candles</c>) must hold every such minute published after its
    /// first live bar, across its connections: what a reconnect's history brings counts;</item>
    /// <item>a follower without (an Alpaca stream client) must have, on each connection, every such minute published
    /// while it was open, from its first bar until <paramref name="grace"/> before it closed;</item>
    /// <item>a duplicate is a minute received twice with the same values on one connection (history included).</item>
    /// </list>
    /// </summary>
    public (int Gaps, int Duplicates, List<string> Examples) Check(DateTimeOffset from, DateTimeOffset to, TimeSpan grace)
    {
        int gaps = 0, duplicates = 0;
        var examples = new List<string>();
        foreach (var follower in _connections.GroupBy(c => (c.Follower, c.Symbol)))
        {
            var published = _published.GetValueOrDefault(follower.Key.Symbol)?.ToArray() ?? [];
            var window = published.Where(p => p.PublishedAt >= from && p.PublishedAt < to).ToList();
            var twice = follower.SelectMany(c => c.Duplicates(from, to)).ToList();
            duplicates += twice.Count;
            if (twice.Count > 0) examples.Add($"{follower.Key.Follower} {follower.Key.Symbol}: {twice.Count} received twice, first {twice[0]:HH:mm}");
            var missing = new List<(DateTimeOffset Minute, DateTimeOffset At)>();
            if (follower.First().WithHistory)
            {
                if (follower.Select(c => c.FirstLiveAt).Where(t => t is not null).Min() is not { } first) continue;
                var held = follower.SelectMany(c => c.Minutes).ToHashSet();
                missing.AddRange(window.Where(p => p.PublishedAt > first && !held.Contains(p.Minute)));
            }
            else
            {
                foreach (var connection in follower.Where(c => c.FirstLiveAt is not null))
                {
                    var until = connection.ClosedAt is { } closed ? closed - grace : DateTimeOffset.MaxValue;
                    var held = connection.Minutes.ToHashSet();
                    missing.AddRange(window.Where(p => p.PublishedAt > connection.FirstLiveAt && p.PublishedAt < until && !held.Contains(p.Minute)));
                }
            }
            gaps += missing.Count;
            if (missing.Count > 0)
                examples.Add($"{follower.Key.Follower} {follower.Key.Symbol}: {missing.Count} missing, published {missing.Min(m => m.At):HH:mm:ss}–{missing.Max(m => m.At):HH:mm:ss}");
        }
        return (gaps, duplicates, examples);
    }
}

/// <summary>One socket of one follower for one symbol: the bars it received, history and live.</summary>
public sealed class FollowerConnection(string follower, string symbol, bool withHistory)
{
    private readonly Lock _lock = new();
    private readonly List<(DateTimeOffset Minute, string Values, DateTimeOffset At)> _bars = [];

    public string Follower => follower;
    public string Symbol => symbol;
    public bool WithHistory => withHistory;
    public DateTimeOffset? FirstLiveAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public IReadOnlyList<DateTimeOffset> Minutes
    {
        get
        {
            lock (_lock) return _bars.Select(b => b.Minute).ToList();
        }
    }

    public void Received(DateTimeOffset minute, string values, bool live)
    {
        lock (_lock)
        {
            _bars.Add((minute, values, DateTimeOffset.UtcNow));
            if (live) FirstLiveAt ??= DateTimeOffset.UtcNow;
        }
    }

    public void Closed() => ClosedAt ??= DateTimeOffset.UtcNow;

    /// <summary>Minutes received twice with the same values, the second time in [from, to).</summary>
    public List<DateTimeOffset> Duplicates(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_lock)
        {
            return _bars.GroupBy(b => (b.Minute, b.Values)).Where(g => g.Count() > 1 && g.ElementAt(1).At >= from && g.ElementAt(1).At < to)
                .Select(g => g.Key.Minute).ToList();
        }
    }
}
