using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Gateway.Telemetry;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>
/// What one stream connection is subscribed to: its channels, and the symbols it holds on this gateway's shared
/// symbol subscriptions, each with the listener that turns its batches into the connection's bars. The
/// session changes it one call at a time; the listeners read <see cref="Channels"/> as the fan-out runs.
/// </summary>
public sealed partial class ConnectionSubscriptions(
    SymbolSubscriptions subscriptions, WildcardSymbols wildcard, StreamFrames frames, Func<byte[], bool> send,
    ILogger logger, GatewayMetrics metrics)
{
    private readonly Dictionary<string, Held> _held = new(StringComparer.Ordinal);
    private volatile StreamChannels _channels = StreamChannels.Empty;

    public StreamChannels Channels => _channels;

    /// <summary>Takes the new channels and holds exactly the symbols they name; false when some could not be held.</summary>
    public async Task<bool> ChangeAsync(StreamChannels next)
    {
        _channels = next;
        var wanted = next.DataSymbols.ToHashSet(StringComparer.Ordinal);
        if (next.HasBarWildcard) wanted.UnionWith(await wildcard.GetAsync());
        foreach (var symbol in _held.Keys.Where(s => !wanted.Contains(s)).ToList()) await ReleaseAsync(symbol);
        // In parallel: a symbol's first request waits for its history to load.
        var added = await Task.WhenAll(wanted.Where(s => !_held.ContainsKey(s)).Select(HoldAsync));
        foreach (var (symbol, held, _) in added) if (held is not null) _held[symbol] = held;
        // Daily bars are the symbol's 1Day timeframe, which its grain loads only when asked for (docs/architecture.md).
        await Task.WhenAll(_held.Where(pair => next.Wants("dailyBars", pair.Key)).Select(pair => pair.Value.Subscription.Grain.WarmUp(Timeframe.Day1).AsTask()));
        return added.All(a => a.Held is not null || a.Unknown);
    }

    public async Task ReleaseAllAsync()
    {
        foreach (var symbol in _held.Keys.ToList()) await ReleaseAsync(symbol);
    }

    /// <summary>A started listener on the symbol's subscription; none for a symbol the feed does not know, or on failure.</summary>
    private async Task<(string Symbol, Held? Held, bool Unknown)> HoldAsync(string symbol)
    {
        SymbolSubscription? subscription = null;
        var listener = new AlpacaSymbolListener(symbol, send, frames, () => _channels, metrics);
        var unknown = false;
        try
        {
            subscription = await subscriptions.AcquireAsync(symbol);
            subscription.Add(listener);
            var snapshot = await subscription.Grain.GetHistory(Timeframe.Minute1, 1);
            // A symbol Alpaca does not know is accepted and simply never sends a bar; so here.
            unknown = snapshot.State == SymbolState.UnknownSymbol;
            if (!unknown)
            {
                subscription.Start(listener, snapshot);
                return (symbol, new Held(subscription, listener), false);
            }
        }
        catch (Exception ex)
        {
            LogUnavailable(logger, ex, symbol);
        }
        if (subscription is not null) await ReleaseAsync(new Held(subscription, listener));
        return (symbol, null, unknown);
    }

    private async Task ReleaseAsync(string symbol)
    {
        if (_held.Remove(symbol, out var held)) await ReleaseAsync(held);
    }

    private async Task ReleaseAsync(Held held)
    {
        held.Subscription.Remove(held.Listener);
        await subscriptions.ReleaseAsync(held.Subscription);
    }

    private sealed record Held(SymbolSubscription Subscription, AlpacaSymbolListener Listener);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market data for {Symbol} is unavailable to an Alpaca stream client")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string symbol);
}
