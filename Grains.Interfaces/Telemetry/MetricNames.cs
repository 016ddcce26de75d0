namespace OrleansMarketData.Telemetry;

/// <summary>
/// The names of this service's meter and instruments, silo and gateway side, in one place. The Prometheus exporter
/// turns dots into underscores and adds the unit (<c>_seconds</c>) and <c>_total</c> to counters; docs/operations.md
/// lists both forms.
/// </summary>
public static class MetricNames
{
    public const string Meter = "OrleansMarketData";

    /// <summary>Orleans' own meter (activations, messaging, streams...).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    public const string BarsReceived = "market_data.bars.received";
    public const string UpstreamReconnects = "market_data.upstream.reconnects";
    public const string UpstreamLag = "market_data.upstream.lag";
    public const string SymbolGrainsActive = "market_data.symbol_grains.active";
    public const string TapeReceived = "market_data.tape.received";
    public const string TapeRelayed = "market_data.tape.relayed";

    public const string BarsSent = "market_data.bars.sent";
    public const string TapeSent = "market_data.tape.sent";
    public const string MessagesDropped = "market_data.messages.dropped";
    public const string SlowClientsClosed = "market_data.slow_clients.closed";
    public const string SocketsActive = "market_data.sockets.active";
    public const string SubscriptionsActive = "market_data.subscriptions.active";

    /// <summary>Tag: the upstream feed ("sim", "iex", "sip"...).</summary>
    public const string FeedTag = "feed";

    /// <summary>Tag: the client endpoint, <c>/ws/candles</c> or <c>/v2</c>.</summary>
    public const string EndpointTag = "endpoint";
}
