using System.Net.WebSockets;

namespace OrleansMarketData.Bench.Load;

/// <summary>
/// One client of the Alpaca stream (<c>/v2/iex</c>), as an SDK connects: the welcome, an <c>auth</c> message, a
/// <c>subscribe</c> to the bars (or quotes, or trades) of its symbols, then each <c>b</c> (<c>q</c>, <c>t</c>) it receives. In msgpack mode the upgrade
/// request has <c>Content-Type: application/msgpack</c> (see <see cref="RawUpgrade"/>) and its own messages are
/// msgpack too, as the JS SDK sends them.
/// </summary>
public sealed class AlpacaClient : LoadClient
{
    private readonly bool _msgpack;
    private readonly IReadOnlyList<string> _symbols;
    private readonly StreamChannel _channel;
    private readonly string _dataType;
    private readonly Action<DateTimeOffset> _onData;
    private DateTimeOffset _received;

    public AlpacaClient(IReadOnlyList<string> symbols, LoadRun run, bool msgpack, StreamChannel channel) : base(symbols[0], run)
    {
        _msgpack = msgpack;
        _symbols = symbols;
        _channel = channel;
        _dataType = channel.Type();
        _onData = channel == StreamChannel.Bars ? bar => RecordBar(bar, _received) : time => RecordTape(time, _received);
    }

    public override IReadOnlyList<string> Subscribed => _symbols;

    public override async Task ConnectAsync(Uri baseUrl, LoadOptions options, CancellationToken cancellationToken)
    {
        try
        {
            Socket = await RawUpgrade.ConnectAsync(new Uri(baseUrl, options.StreamPath), _msgpack ? "application/msgpack" : null, cancellationToken);
            await ExpectAsync("success", "connected", cancellationToken);
            var (key, secret) = options.KeyPair;
            await SendAsync(AlpacaMessages.Auth(key, secret, _msgpack), cancellationToken);
            await ExpectAsync("success", "authenticated", cancellationToken);
            await SendAsync(AlpacaMessages.Subscribe(_channel, _symbols, _msgpack), cancellationToken);
            await ExpectAsync("subscription", null, cancellationToken);
            Connected = true;
            ConnectedAt = DateTimeOffset.UtcNow;
        }
        catch (Exception ex)
        {
            ConnectError = ex.GetBaseException().Message;
            Socket.Abort();
        }
    }

    protected override void OnMessage(ReadOnlyMemory<byte> message, WebSocketMessageType type, DateTimeOffset received)
    {
        _received = received;
        AlpacaMessages.Read(message, _msgpack, _dataType, _onData);
    }

    private Task SendAsync(byte[] message, CancellationToken cancellationToken) =>
        Socket.SendAsync(message, _msgpack ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, cancellationToken);

    /// <summary>Reads frames until one holds the control message <paramref name="type"/> (and <paramref name="message"/>); an error ends the handshake.</summary>
    private async Task ExpectAsync(string type, string? message, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (count, kind) = await ReceiveMessageAsync(cancellationToken);
            if (kind == WebSocketMessageType.Close) throw new InvalidOperationException($"closed during the handshake: {Socket.CloseStatus} {Socket.CloseStatusDescription}");
            var control = AlpacaMessages.Read(Received(count), _msgpack, _dataType, _ => { });
            if (control.Type == "error") throw new InvalidOperationException($"error while waiting for {type}: {control.Message}");
            if (control.Type == type && (message is null || control.Message == message)) return;
        }
    }
}
