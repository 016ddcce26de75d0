using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Gateway.Json;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>This gateway's candle-stream subscriptions: at most one per symbol, while any local socket reads it.</summary>
public sealed class SymbolSubscriptions(
    IClusterClient client, CandleJson json, IOptions<GatewayOptions> options, ILogger<SymbolSubscription> logger)
{
    private readonly ConcurrentDictionary<string, SymbolSubscription> _symbols = new(StringComparer.Ordinal);

    public ICollection<string> Symbols => _symbols.Keys;

    public int Count => _symbols.Count;

    public async Task<SymbolSubscription> AcquireAsync(string symbol)
    {
        while (true)
        {
            var subscription = _symbols.GetOrAdd(
                symbol, s => new SymbolSubscription(s, client, json, options.Value.SymbolCheckInterval, logger));
            // A failed subscribe leaves it open for the next caller to retry.
            if (await subscription.TryHoldAsync()) return subscription;
            // It closed between the lookup and the hold: drop it and make a fresh one.
            _symbols.TryRemove(KeyValuePair.Create(symbol, subscription));
        }
    }

    public async Task ReleaseAsync(SymbolSubscription subscription)
    {
        if (await subscription.ReleaseAsync()) _symbols.TryRemove(KeyValuePair.Create(subscription.Symbol, subscription));
    }
}
