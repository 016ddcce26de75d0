using System.Diagnostics.Metrics;
using OrleansMarketData.Telemetry;

namespace OrleansMarketData.Metrics;

/// <summary>
/// The silo side's instruments: what comes in from upstream and how many symbol grains this silo holds. Created
/// from the host's <see cref="IMeterFactory"/>, so each host (and each test host) has its own. Recording takes a
/// tag held by the caller and allocates nothing.
/// </summary>
public sealed class MarketDataMetrics
{
    /// <summary>Upper bounds in seconds: a live bar normally arrives within a few seconds after its minute ends.</summary>
    private static readonly double[] LagBuckets = [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60, 300];

    private readonly Counter<long> _barsReceived;
    private readonly Counter<long> _upstreamReconnects;
    private readonly Histogram<double> _upstreamLag;
    private readonly UpDownCounter<long> _symbolGrains;
    private readonly Counter<long> _tapeReceived;
    private readonly Counter<long> _tapeRelayed;

    public MarketDataMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MetricNames.Meter);
        _barsReceived = meter.CreateCounter<long>(MetricNames.BarsReceived, "{bar}",
            "Minute bars received from the upstream source (live and backfilled), by feed");
        _upstreamReconnects = meter.CreateCounter<long>(MetricNames.UpstreamReconnects, "{reconnect}",
            "Times the upstream stream connection was lost or refused and a reconnect was scheduled, by feed");
        _upstreamLag = meter.CreateHistogram(MetricNames.UpstreamLag, "s",
            "Receipt time minus the end of the bar's minute, for live bars from the upstream stream",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
        _symbolGrains = meter.CreateUpDownCounter<long>(MetricNames.SymbolGrainsActive, "{grain}",
            "Symbol grains active on this silo");
        _tapeReceived = meter.CreateCounter<long>(MetricNames.TapeReceived, "{message}",
            "Trades, quotes and statuses read from the live feed's tape by the relay, by feed");
        _tapeRelayed = meter.CreateCounter<long>(MetricNames.TapeRelayed, "{message}",
            "Tape messages handed to gateways, counted once per gateway, by feed");
    }

    /// <summary>The tag to pass on every recording for one feed; made once per feed, not per bar.</summary>
    public static KeyValuePair<string, object?> Feed(string feed) => new(MetricNames.FeedTag, feed);

    public void BarsReceived(int count, KeyValuePair<string, object?> feed) => _barsReceived.Add(count, feed);

    public void UpstreamReconnect(KeyValuePair<string, object?> feed) => _upstreamReconnects.Add(1, feed);

    public void UpstreamLag(TimeSpan lag, KeyValuePair<string, object?> feed) => _upstreamLag.Record(lag.TotalSeconds, feed);

    public void TapeReceived(int count, KeyValuePair<string, object?> feed) => _tapeReceived.Add(count, feed);

    public void TapeRelayed(int count, KeyValuePair<string, object?> feed) => _tapeRelayed.Add(count, feed);

    public void SymbolGrainActivated() => _symbolGrains.Add(1);

    public void SymbolGrainDeactivated() => _symbolGrains.Add(-1);
}
