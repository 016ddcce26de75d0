using OrleansMarketData.Grains;
using OrleansMarketData.Model;
using OrleansMarketData.Sources;

namespace OrleansMarketData.Tape;

/// <summary>
/// The feed grain's tape registrations: each gateway's whole interest, renewed by the gateway, and the cluster-wide
/// count of gateways per (channel, symbol). A symbol's channel is subscribed upstream while its count is above zero,
/// and for <see cref="Linger"/> after it falls to zero: a client that reconnects, or one that follows another, finds
/// it still subscribed, with no gap in its messages and no churn upstream. Lives in the feed grain's turns; the routes
/// it builds are handed to the relay, which reads them outside them.
/// </summary>
public sealed class TapeRegistry(ILiveTape upstream, TapeRelay relay, TimeProvider time)
{
    /// <summary>How long a channel nobody wants stays subscribed upstream, at least (<see cref="DropExpired"/> ends it).</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(10);

    private readonly Dictionary<ITapeObserver, (TapeInterest Interest, DateTimeOffset Renewed)> _gateways = [];
    private readonly Dictionary<(TapeChannel, string), int> _counts = [];
    private readonly Dictionary<(TapeChannel, string), DateTimeOffset> _lingering = [];

    /// <summary>(channel, symbol) pairs subscribed upstream now, lingering ones included.</summary>
    public int Subscribed => _counts.Count + _lingering.Count;

    public int Gateways => _gateways.Count;

    /// <summary>Replaces a gateway's interest (an empty one removes it) and renews its registration.</summary>
    public void Watch(ITapeObserver gateway, TapeInterest interest)
    {
        var before = _gateways.TryGetValue(gateway, out var held) ? held.Interest : TapeInterest.None;
        if (interest.IsEmpty) _gateways.Remove(gateway);
        else _gateways[gateway] = (interest, time.GetUtcNow());
        if (Change(before, interest)) Publish();
    }

    /// <summary>
    /// Drops the gateways that did not renew within <see cref="WatchRegistration.Expiry"/> (they may have died), and
    /// unsubscribes upstream what has lingered unwanted for <see cref="Linger"/>. Called every few seconds.
    /// </summary>
    public void DropExpired()
    {
        var now = time.GetUtcNow();
        var expired = _gateways.Where(g => g.Value.Renewed < now - WatchRegistration.Expiry).ToList();
        foreach (var (gateway, (interest, _)) in expired)
        {
            _gateways.Remove(gateway);
            Change(interest, TapeInterest.None);
        }
        if (expired.Count > 0) Publish();
        foreach (var ((channel, symbol), since) in _lingering.Where(l => now - l.Value >= Linger).ToList())
        {
            _lingering.Remove((channel, symbol));
            upstream.UnsubscribeTape(channel, symbol);
        }
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
                if (count == 1 && !_lingering.Remove(key)) upstream.SubscribeTape(channel, symbol);
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
                _lingering[key] = time.GetUtcNow();
            }
        }
        return changed;
    }

    private void Publish() => relay.Routes = TapeRoutes.Build(_gateways.ToDictionary(g => g.Key, g => g.Value.Interest));
}
