using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Grains;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// This gateway's symbol subscriptions: at most one per symbol, while any local socket reads it, all fed by the
/// gateway's one <see cref="CandleObserver"/>.
/// </summary>
public sealed class SymbolSubscriptions(
    IClusterClient client, CandleJson json, IOptions<MarketDataGatewayOptions> options, ILogger<SymbolSubscription> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, SymbolSubscription> _symbols = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _checkIns;
    /// <summary>Orleans holds a client's observer weakly: this field keeps it alive.</summary>
    private CandleObserver? _receiver;
    private ICandleObserver? _observer;

    /// <summary>The reference symbol grains send this gateway's batches to; made when first needed, once the client is connected.</summary>
    public ICandleObserver Observer
    {
        get
        {
            lock (_lock)
            {
                _receiver ??= new CandleObserver(this);
                return _observer ??= client.CreateObjectReference<ICandleObserver>(_receiver);
            }
        }
    }

    public ICollection<string> Symbols => _symbols.Keys;

    public int Count => _symbols.Count;

    public SymbolSubscription? Find(string symbol) => _symbols.GetValueOrDefault(symbol);

    public async Task<SymbolSubscription> AcquireAsync(string symbol)
    {
        lock (_lock) _checkIns ??= CheckInAsync(_stopping.Token);
        while (true)
        {
            var subscription = _symbols.GetOrAdd(symbol, s => new SymbolSubscription(s, client, Observer, json, logger));
            // A failed registration leaves it open for the next caller to retry.
            if (await subscription.TryHoldAsync()) return subscription;
            // It closed between the lookup and the hold: drop it and make a fresh one.
            _symbols.TryRemove(KeyValuePair.Create(symbol, subscription));
        }
    }

    public async Task ReleaseAsync(SymbolSubscription subscription)
    {
        if (await subscription.ReleaseAsync()) _symbols.TryRemove(KeyValuePair.Create(subscription.Symbol, subscription));
    }

    /// <summary>
    /// Starts the check-ins that are due, once a second: intervals are a second at least, so none is more than a second
    /// late. One timer for every subscription: a timer per symbol would put 10,000 timers in the runtime's queue for
    /// 10,000 symbols. The schedule (<see cref="SymbolSubscription.NextCheckIn"/>) is this loop's alone.
    /// </summary>
    private async Task CheckInAsync(CancellationToken cancellationToken)
    {
        var interval = (long)options.Value.SymbolCheckInterval.TotalMilliseconds;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = Environment.TickCount64;
                // Enumerated in place: Values would copy 10,000 entries every second.
                foreach (var (_, subscription) in _symbols)
                {
                    if (subscription.NextCheckIn == 0) subscription.NextCheckIn = now + interval;
                    else if (now >= subscription.NextCheckIn)
                    {
                        subscription.NextCheckIn = now + interval;
                        subscription.CheckIn();
                    }
                }
            }
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
}
