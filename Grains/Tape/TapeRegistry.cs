using OrleansMarketData.Grains;
using OrleansMarketData.Model;
using OrleansMarketData.Sources;

namespace OrleansMarketData.Tape;

/// <summary>
/// The feed grain's tape registrations: each gateway's whole interest, renewed by the gateway, and the cluster-wide
/// count of gateways per (channel, symbol). A symbol's channel is subscribed upstream while its count is above zero.
/// Lives in the feed grain's turns; the routes it builds are handed to the relay, which reads them outside them.
/// </summary>
public sealed class TapeRegistry(ILiveTape upstream, TapeRelay relay, TimeProvider time)
{
    private readonly Dictionary<ITapeObserver, (TapeInterest Interest, DateTimeOffset Renewed)> _gateways = [];
    private readonly Dictionary<(TapeChannel, string), int> _counts = [];

    /// <summary>(channel, symbol) pairs subscribed upstream now.</summary>
    public int Subscribed => _counts.Count;

    public int Gateways => _gateways.Count;

    /// <summary>Replaces a gateway's interest (an empty one removes it) and renews its registration.</summary>
    public void Watch(ITapeObserver gateway, TapeInterest interest)
    {
        var before = _gateways.TryGetValue(gateway, out var held) ? held.Interest : TapeInterest.None;
        if (interest.IsEmpty) _gateways.Remove(gateway);
        else _gateways[gateway] = (interest, time.GetUtcNow());
        if (Change(before, interest)) Publish();
    }

    /// <summary>Drops the gateways that did not renew within <see cref="WatchRegistration.Expiry"/>: they may have died.</summary>
    public void DropExpired()
    {
        var cutoff = time.GetUtcNow() - WatchRegistration.Expiry;
        var expired = _gateways.Where(g => g.Value.Renewed < cutoff).ToList();
        foreach (var (gateway, (interest, _)) in expired)
        {
            _gateways.Remove(gateway);
            Change(interest, TapeInterest.None);
        }
        if (expired.Count > 0) Publish();
    }

    /// <summary>Counts one gateway's change; true when any (channel, symbol) it names changed.</summary>
    private bool Change(TapeInterest before, TapeInterest after)
    {
        var changed = false;
        foreach (var channel in Enum.GetValues<TapeChannel>())
        {
            var old = before[channel].ToHashSet(StringComparer.Ordinal);
            var now = after[channel].ToHashSet(StringComparer.Ordinal);
            foreach (var symbol in now.Except(old))
            {
                changed = true;
                var key = (channel, symbol);
                var count = _counts.GetValueOrDefault(key) + 1;
                _counts[key] = count;
                if (count == 1) upstream.SubscribeTape(channel, symbol);
            }
            foreach (var symbol in old.Except(now))
            {
                changed = true;
                var key = (channel, symbol);
                var count = _counts.GetValueOrDefault(key) - 1;
                if (count > 0)
                {
                    _counts[key] = count;
                    continue;
                }
                _counts.Remove(key);
                upstream.UnsubscribeTape(channel, symbol);
            }
        }
        return changed;
    }

    private void Publish() => relay.Routes = TapeRoutes.Build(_gateways.ToDictionary(g => g.Key, g => g.Value.Interest));
}
