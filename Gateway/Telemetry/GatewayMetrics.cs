using System.Diagnostics.Metrics;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Telemetry;

namespace OrleansMarketData.Gateway.Telemetry;

/// <summary>
/// The gateway side's instruments: bars out to clients, sockets, slow clients and what they missed, and this
/// gateway's symbol subscriptions. Socket counts change once per connection; bars are counted with a tag held in a
/// static field, so the fan-out allocates nothing for them.
/// </summary>
public sealed class GatewayMetrics
{
    public const string CandleSockets = "/ws/candles";
    public const string AlpacaStream = "/v2";

    private static readonly KeyValuePair<string, object?> CandleSocketsTag = new(MetricNames.EndpointTag, CandleSockets);
    private static readonly KeyValuePair<string, object?> AlpacaStreamTag = new(MetricNames.EndpointTag, AlpacaStream);

    private readonly Counter<long> _barsSent;
    private readonly Counter<long> _tapeSent;
    private readonly Counter<long> _messagesDropped;
    private readonly Counter<long> _slowClientsClosed;
    private readonly UpDownCounter<long> _socketsActive;

    public GatewayMetrics(IMeterFactory meterFactory, SymbolSubscriptions subscriptions)
    {
        var meter = meterFactory.Create(MetricNames.Meter);
        _barsSent = meter.CreateCounter<long>(MetricNames.BarsSent, "{bar}",
            "Live bars queued to clients, by endpoint (a /ws/candles message carries one, an Alpaca frame one or more)");
        _tapeSent = meter.CreateCounter<long>(MetricNames.TapeSent, "{message}",
            "Trades, quotes and statuses queued to Alpaca stream clients (one or more per frame)");
        _messagesDropped = meter.CreateCounter<long>(MetricNames.MessagesDropped, "{message}",
            "Messages not delivered because the client's send queue overflowed, by endpoint");
        _slowClientsClosed = meter.CreateCounter<long>(MetricNames.SlowClientsClosed, "{socket}",
            "Client sockets closed because they did not read fast enough, by endpoint");
        _socketsActive = meter.CreateUpDownCounter<long>(MetricNames.SocketsActive, "{socket}",
            "Client WebSockets open on this gateway, by endpoint");
        meter.CreateObservableUpDownCounter(MetricNames.SubscriptionsActive, () => subscriptions.Count, "{symbol}",
            "Symbols this gateway is registered with for live batches (one per symbol, shared by its sockets)");
    }

    public void CandleBarSent() => _barsSent.Add(1, CandleSocketsTag);

    public void AlpacaTapeSent(int count) => _tapeSent.Add(count, AlpacaStreamTag);

    public void AlpacaBarsSent(int count) => _barsSent.Add(count, AlpacaStreamTag);

    public void SocketOpened(ClientConnection connection) => _socketsActive.Add(1, Tag(connection));

    public void SocketClosed(ClientConnection connection)
    {
        var endpoint = Tag(connection);
        _socketsActive.Add(-1, endpoint);
        if (!connection.WasTooSlow) return;
        // Dropped before closed: a scrape that sees the slow client also sees what it missed.
        _messagesDropped.Add(connection.DroppedMessages, endpoint);
        _slowClientsClosed.Add(1, endpoint);
    }

    private static KeyValuePair<string, object?> Tag(ClientConnection connection) =>
        connection.Endpoint == AlpacaStream ? AlpacaStreamTag : CandleSocketsTag;
}
