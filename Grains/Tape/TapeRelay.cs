using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OrleansMarketData.Grains;
using OrleansMarketData.Metrics;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tape;

/// <summary>
/// Carries a live feed's tape to the gateways outside any grain turn: one loop on the thread pool reads the feed's
/// messages as they come, in runs of up to <see cref="MaxRun"/>, looks up each message's gateways in the current
/// <see cref="Routes"/> (a frozen dictionary, no lock) and hands each gateway its share of the run in one
/// <see cref="TapeOutbox"/> call. The feed grain only changes the routes, on the rare registration changes
/// (docs/architecture.md, "The tape").
/// </summary>
public sealed class TapeRelay(ILogger logger, MarketDataMetrics? metrics = null, string feed = "")
{
    private readonly KeyValuePair<string, object?> _feedTag = MarketDataMetrics.Feed(feed);
    private const int MaxRun = 10_000;
    private readonly Dictionary<ITapeObserver, TapeOutbox> _outboxes = [];
    private readonly Dictionary<ITapeObserver, List<TapeEvent>> _shares = [];
    private volatile TapeRoutes _routes = TapeRoutes.Empty;

    /// <summary>Set by the feed grain whenever a registration changes.</summary>
    public TapeRoutes Routes
    {
        get => _routes;
        set => _routes = value;
    }

    /// <summary>Runs until the tape completes (the live feed was disposed).</summary>
    public async Task RunAsync(ChannelReader<TapeEvent> tape)
    {
        var routesSeen = _routes;
        while (await tape.WaitToReadAsync().ConfigureAwait(false))
        {
            var routes = _routes;
            // Until every outbox of a gateway gone is dropped, looked at again on each run.
            if (!ReferenceEquals(routes, routesSeen) || _outboxes.Count > routes.Gateways.Count)
            {
                DropGone(routes);
                routesSeen = routes;
            }
            var received = 0;
            for (; received < MaxRun && tape.TryRead(out var message); received++)
            {
                foreach (var gateway in routes.For(message))
                {
                    if (!_shares.TryGetValue(gateway, out var share)) _shares[gateway] = share = [];
                    share.Add(message);
                }
            }
            var relayed = 0;
            foreach (var (gateway, share) in _shares)
            {
                if (share.Count == 0) continue;
                if (!_outboxes.TryGetValue(gateway, out var outbox)) _outboxes[gateway] = outbox = new TapeOutbox(gateway, logger);
                // The outbox copies the share, so the list serves the next run.
                outbox.Add(share);
                relayed += share.Count;
                share.Clear();
            }
            metrics?.TapeReceived(received, _feedTag);
            if (relayed > 0) metrics?.TapeRelayed(relayed, _feedTag);
        }
    }

    /// <summary>
    /// Drops the outboxes of gateways no longer registered once they are idle (only this loop touches the outboxes).
    /// One still sending is kept until it is done: a gateway that registers again meanwhile goes on with it, so its
    /// messages never travel in two calls at once, which could deliver them out of order.
    /// </summary>
    private void DropGone(TapeRoutes routes)
    {
        foreach (var gateway in _outboxes.Keys.Concat(_shares.Keys).Distinct().Where(g => !routes.Gateways.Contains(g)).ToList())
        {
            if (_outboxes.TryGetValue(gateway, out var outbox) && !outbox.IsIdle) continue;
            _outboxes.Remove(gateway);
            _shares.Remove(gateway);
        }
    }
}
