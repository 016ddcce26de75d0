using System.Collections.Frozen;
using OrleansMarketData.Grains;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tape;

/// <summary>
/// Which gateways get each symbol's messages of each channel: immutable, rebuilt when a registration changes (rare),
/// read for every message by the relay without locking.
/// </summary>
public sealed class TapeRoutes
{
    private static readonly ITapeObserver[] Nobody = [];
    private readonly FrozenDictionary<string, ITapeObserver[]>[] _byChannel;

    private TapeRoutes(FrozenDictionary<string, ITapeObserver[]>[] byChannel) => _byChannel = byChannel;

    public static TapeRoutes Empty { get; } = Build(new Dictionary<ITapeObserver, TapeInterest>());

    /// <summary>Every registered gateway, for the relay to drop the outboxes of those gone.</summary>
    public IReadOnlySet<ITapeObserver> Gateways { get; private init; } = new HashSet<ITapeObserver>();

    /// <summary>The gateways of an event: those naming its symbol on its channel, and, for statuses, those naming <c>"*"</c>.</summary>
    public ITapeObserver[] For(TapeEvent tapeEvent)
    {
        var routes = _byChannel[(int)tapeEvent.Channel];
        var named = routes.GetValueOrDefault(tapeEvent.Symbol, Nobody);
        if (tapeEvent.Channel != TapeChannel.Statuses || !routes.TryGetValue("*", out var all)) return named;
        return named.Length == 0 ? all : named.Union(all).ToArray();
    }

    public static TapeRoutes Build(IReadOnlyDictionary<ITapeObserver, TapeInterest> interests)
    {
        var byChannel = new FrozenDictionary<string, ITapeObserver[]>[3];
        foreach (var channel in Enum.GetValues<TapeChannel>())
        {
            byChannel[(int)channel] = interests
                .SelectMany(pair => pair.Value[channel].Select(symbol => (Symbol: symbol, Gateway: pair.Key)))
                .GroupBy(route => route.Symbol, StringComparer.Ordinal)
                .ToFrozenDictionary(group => group.Key, group => group.Select(route => route.Gateway).Distinct().ToArray(), StringComparer.Ordinal);
        }
        return new TapeRoutes(byChannel) { Gateways = interests.Keys.ToHashSet() };
    }
}
