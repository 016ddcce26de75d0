using System.Net.WebSockets;
using System.Threading.Channels;

namespace OrleansMarketData.Bench.Baseline;

/// <summary>
/// One socket's outgoing side, built like the gateway's: a bounded queue drained by one writer, so the broadcast
/// loop never waits on a client. A full queue drops the client, as the gateway does. Every frame of a socket has
/// the message type of its format (binary for msgpack).
/// </summary>
public sealed class Subscriber(WebSocket socket, int capacity, WireFormat format = WireFormat.Candles)
{
    private readonly Channel<byte[]> _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity) { SingleReader = true });
    private readonly WebSocketMessageType _type = format == WireFormat.AlpacaMsgPack ? WebSocketMessageType.Binary : WebSocketMessageType.Text;

    public WireFormat Format => format;

    public bool TrySend(byte[] message) => _queue.Writer.TryWrite(message);

    public void Complete() => _queue.Writer.TryComplete();

    public async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(cancellationToken))
                await socket.SendAsync(message, _type, endOfMessage: true, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            socket.Abort();
        }
    }
}
