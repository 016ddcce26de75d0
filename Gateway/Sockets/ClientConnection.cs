using System.Net.WebSockets;
using System.Threading.Channels;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// One client socket's outgoing side. Every message goes through a bounded queue drained by a single writer, so
/// producers never wait on a client: a client whose queue overflows is closed (or aborted, if even the close
/// cannot be sent in time) and nobody else slows down.
/// </summary>
public sealed class ClientConnection : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly Channel<byte[]> _queue;
    private readonly TimeSpan _closeTimeout;
    private readonly WebSocketMessageType _messageType;
    private readonly byte[]? _overflowNotice;
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _writer;
    private WebSocketCloseStatus? _closeStatus;
    private string _closeReason = "";
    private volatile bool _dropQueued;
    private int _closeRequested;
    private long _dropped;

    /// <param name="messageType">Text for JSON protocols, Binary for msgpack.</param>
    /// <param name="overflowNotice">A last message for a client closed as too slow, sent in place of what it missed.</param>
    public ClientConnection(
        WebSocket socket, int queueCapacity, TimeSpan closeTimeout,
        WebSocketMessageType messageType = WebSocketMessageType.Text, byte[]? overflowNotice = null)
    {
        _socket = socket;
        _closeTimeout = closeTimeout;
        _messageType = messageType;
        _overflowNotice = overflowNotice;
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(queueCapacity) { SingleReader = true });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Set when the queue overflowed: the client was not reading.</summary>
    public bool WasTooSlow { get; private set; }

    /// <summary>The endpoint it was opened on, for metrics.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>Messages discarded since the queue overflowed: the one that did not fit, what was queued, what came after.</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Completes when the writer has stopped (after the close frame, or on failure).</summary>
    public Task Completion => _writer;

    /// <summary>Queues a message without waiting. False when the connection is closing or the queue was full.</summary>
    public bool TrySend(byte[] message)
    {
        if (_queue.Writer.TryWrite(message)) return true;
        if (WasTooSlow) Interlocked.Increment(ref _dropped);
        else if (Volatile.Read(ref _closeRequested) == 0)
        {
            WasTooSlow = true;
            _dropQueued = true;
            Interlocked.Increment(ref _dropped);
            Close(SocketClose.SlowClient, "client too slow: send queue overflowed");
        }
        return false;
    }

    /// <summary>Sends what is queued, then the close frame. Only the first close request counts.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 1) return;
        _closeStatus = status;
        _closeReason = reason;
        _queue.Writer.TryComplete();
        // A client that stopped reading may never let the close frame out: give up on it after the timeout.
        _abort.CancelAfter(_closeTimeout);
    }

    /// <summary>Stops at once, without a close handshake.</summary>
    public void Abort()
    {
        Interlocked.Exchange(ref _closeRequested, 1);
        _queue.Writer.TryComplete();
        _abort.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        await _writer;
        _abort.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(_abort.Token))
            {
                if (_dropQueued)
                {
                    Interlocked.Increment(ref _dropped);
                    continue;
                }
                await _socket.SendAsync(message, _messageType, endOfMessage: true, _abort.Token);
            }
            if (_dropQueued && _overflowNotice is not null && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.SendAsync(_overflowNotice, _messageType, endOfMessage: true, _abort.Token);
            if (_closeStatus is { } status && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(status, _closeReason, _abort.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            _socket.Abort();
        }
    }
}
