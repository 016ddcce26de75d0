using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Grains;
using OrleansMarketData.Hosting;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream.Tape;

/// <summary>
/// This gateway's tape subscriptions: which connections want each symbol's trades, quotes and statuses. The gateway's
/// whole interest, the union of its connections', is registered with the feed grain (as a set: the same interest again
/// changes nothing) when it changes and again every <c>Gateway:SymbolCheckInterval</c>, which renews the registration
/// and teaches a feed grain activated anew after a failure. Messages come to one <see cref="TapeObserver"/> and are
/// handed to the connections that want them, one frame per connection per call.
/// </summary>
public sealed partial class TapeSubscriptions(
    IClusterClient client, FeedName feed, IOptions<MarketDataGatewayOptions> options, ILogger<TapeSubscriptions> logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(TapeChannel, string), HashSet<ConnectionTape>> _listeners = [];
    private volatile FrozenDictionary<string, ConnectionTape[]> _bySymbol = FrozenDictionary<string, ConnectionTape[]>.Empty;
    private readonly SemaphoreSlim _registering = new(1, 1);
    private long _changes;
    private long _registered;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _renewals;
    /// <summary>Orleans holds a client's observer weakly: this field keeps it alive.</summary>
    private TapeObserver? _receiver;
    private ITapeObserver? _observer;

    private ITapeObserver Observer
    {
        get
        {
            lock (_lock)
            {
                _receiver ??= new TapeObserver(this);
                return _observer ??= client.CreateObjectReference<ITapeObserver>(_receiver);
            }
        }
    }

    /// <summary>Moves a connection from the pairs it held to those it holds now, and registers the gateway's interest.</summary>
    public async Task ChangeAsync(ConnectionTape connection, IReadOnlySet<(TapeChannel, string)> before, IReadOnlySet<(TapeChannel, string)> after)
    {
        lock (_lock)
        {
            _renewals ??= RenewAsync(_stopping.Token);
            foreach (var pair in before.Except(after))
            {
                if (_listeners.TryGetValue(pair, out var set) && set.Remove(connection) && set.Count == 0) _listeners.Remove(pair);
            }
            foreach (var pair in after.Except(before))
            {
                if (!_listeners.TryGetValue(pair, out var set)) _listeners[pair] = set = [];
                set.Add(connection);
            }
            _bySymbol = _listeners
                .SelectMany(pair => pair.Value.Select(c => (Symbol: pair.Key.Item2, Connection: c)))
                .GroupBy(l => l.Symbol, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.Select(l => l.Connection).Distinct().ToArray(), StringComparer.Ordinal);
            _changes++;
        }
        await RegisterAsync(force: false);
    }

    /// <summary>Hands each message to the connections that want it: one frame per connection.</summary>
    internal void Dispatch(IReadOnlyList<TapeEvent> events)
    {
        var bySymbol = _bySymbol;
        bySymbol.TryGetValue(StreamChannels.Wildcard, out var allStatuses);
        Dictionary<ConnectionTape, List<TapeEvent>>? shares = null;
        foreach (var message in events)
        {
            if (bySymbol.TryGetValue(message.Symbol, out var connections)) Share(connections, message, ref shares);
            if (allStatuses is not null && message.Channel == TapeChannel.Statuses) Share(allStatuses, message, ref shares);
        }
        if (shares is null) return;
        foreach (var (connection, messages) in shares) connection.Send(messages);
    }

    private static void Share(ConnectionTape[] connections, TapeEvent message, ref Dictionary<ConnectionTape, List<TapeEvent>>? shares)
    {
        foreach (var connection in connections)
        {
            if (!connection.Wants(message)) continue;
            shares ??= [];
            if (!shares.TryGetValue(connection, out var list)) shares[connection] = list = [];
            // A connection named on both a symbol and "*" for statuses gets each status once.
            if (list.Count == 0 || !ReferenceEquals(list[^1], message)) list.Add(message);
        }
    }

    /// <summary>
    /// Registers the current interest, one registration at a time; a caller whose change an earlier registration
    /// already carried returns at once. <paramref name="force"/> registers even when nothing changed (a renewal).
    /// </summary>
    private async Task RegisterAsync(bool force)
    {
        long changes;
        lock (_lock) changes = _changes;
        await _registering.WaitAsync();
        try
        {
            if (!force && Interlocked.Read(ref _registered) >= changes) return;
            TapeInterest interest;
            lock (_lock)
            {
                changes = _changes;
                interest = Interest();
            }
            if (force && interest.IsEmpty) return;
            await client.GetGrain<IMarketFeedGrain>(feed.Name).WatchTape(Observer, interest);
            Interlocked.Exchange(ref _registered, changes);
        }
        catch (Exception ex)
        {
            LogRegisterFailed(logger, ex);
        }
        finally
        {
            _registering.Release();
        }
    }

    private TapeInterest Interest()
    {
        string[] Of(TapeChannel channel) => _listeners.Keys.Where(k => k.Item1 == channel).Select(k => k.Item2).Order(StringComparer.Ordinal).ToArray();
        return new TapeInterest(Of(TapeChannel.Trades), Of(TapeChannel.Quotes), Of(TapeChannel.Statuses));
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.SymbolCheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken)) await RegisterAsync(force: true);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering this gateway's trades, quotes and statuses with the feed failed; the next change or renewal tries again")]
    private static partial void LogRegisterFailed(ILogger logger, Exception exception);
}
