namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// The symbols wanted by the cluster, those requested on the current connection, and those Alpaca confirmed.
/// A confirmation is the truth: after a refused request, what was requested falls back to what was confirmed.
/// </summary>
public sealed class SubscriptionState
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _wanted = new(StringComparer.Ordinal);
    private HashSet<string> _requested = new(StringComparer.Ordinal);
    private HashSet<string> _confirmed = new(StringComparer.Ordinal);

    public void Want(string symbol)
    {
        lock (_lock) _wanted.Add(symbol);
    }

    public void Drop(string symbol)
    {
        lock (_lock) _wanted.Remove(symbol);
    }

    public IReadOnlyCollection<string> Wanted()
    {
        lock (_lock) return _wanted.ToArray();
    }

    public IReadOnlyCollection<string> ConfirmedSymbols()
    {
        lock (_lock) return _confirmed.ToArray();
    }

    /// <summary>What to subscribe and unsubscribe to go from the requested set to the wanted one; marks it requested.</summary>
    public (IReadOnlyCollection<string> Add, IReadOnlyCollection<string> Remove) Delta()
    {
        lock (_lock)
        {
            var add = _wanted.Except(_requested).ToArray();
            var remove = _requested.Except(_wanted).ToArray();
            _requested = new HashSet<string>(_wanted, StringComparer.Ordinal);
            return (add, remove);
        }
    }

    public void Requested(IEnumerable<string> symbols)
    {
        lock (_lock) _requested = new HashSet<string>(symbols, StringComparer.Ordinal);
    }

    public void Confirmed(IEnumerable<string> symbols)
    {
        lock (_lock) _confirmed = new HashSet<string>(symbols, StringComparer.Ordinal);
    }

    public void Refused()
    {
        lock (_lock) _requested = new HashSet<string>(_confirmed, StringComparer.Ordinal);
    }

    /// <summary>A new connection starts with nothing requested or confirmed.</summary>
    public void Disconnected()
    {
        lock (_lock)
        {
            _requested.Clear();
            _confirmed.Clear();
        }
    }
}
