using System.Buffers;
using System.Net.WebSockets;

namespace OrleansMarketData.Bench.Load;

/// <summary>
/// One subscriber socket of a run, whatever its protocol: it connects (and, for a protocol with a handshake,
/// subscribes), then reads until the run ends, stamping each message on receipt. A live bar (or quote, or trade) emitted inside the
/// measurement window counts as delivered and records its end-to-end latency (<see cref="LoadRun.Record"/>).
/// </summary>
public abstract class LoadClient(string symbol, LoadRun run)
{
    /// <summary>Set by <see cref="ConnectAsync"/>.</summary>
    protected WebSocket Socket { get; set; } = new ClientWebSocket();
    private DateTimeOffset _lastBar;

    public string Symbol => symbol;

    /// <summary>Every symbol the client subscribes to.</summary>
    public virtual IReadOnlyList<string> Subscribed => [symbol];
    public LoadRun Run => run;
    public bool Connected { get; protected set; }
    public string? ConnectError { get; protected set; }

    /// <summary>Set when the socket ended before the run did: a close from the server, or a failure.</summary>
    public string? LostReason { get; private set; }
    public DateTimeOffset ConnectedAt { get; protected set; }
    public long DeliveredInWindow;
    public long RepeatedBars;

    public abstract Task ConnectAsync(Uri baseUrl, LoadOptions options, CancellationToken cancellationToken);

    /// <summary>Handles one whole message received at <paramref name="received"/>.</summary>
    protected abstract void OnMessage(ReadOnlyMemory<byte> message, WebSocketMessageType type, DateTimeOffset received);

    public async Task ReceiveAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var (count, type) = await ReceiveMessageAsync(stop);
                if (type == WebSocketMessageType.Close)
                {
                    LostReason = $"closed by server: {Socket.CloseStatus} {Socket.CloseStatusDescription}";
                    return;
                }
                run.CountMessage(count);
                OnMessage(_buffer.AsMemory(0, count), type, DateTimeOffset.UtcNow);
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // The run is over; the socket was aborted on purpose.
        }
        catch (Exception ex)
        {
            LostReason = ex.GetBaseException().Message;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    public void Abort() => Socket.Abort();

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);

    /// <summary>The last message <see cref="ReceiveMessageAsync"/> read.</summary>
    protected ReadOnlyMemory<byte> Received(int count) => _buffer.AsMemory(0, count);

    /// <summary>Reads one whole message into the socket's buffer, grown as needed.</summary>
    protected async Task<(int Count, WebSocketMessageType Type)> ReceiveMessageAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            if (count == _buffer.Length) _buffer = Grow(_buffer);
            result = await Socket.ReceiveAsync(_buffer.AsMemory(count), cancellationToken);
            count += result.Count;
        } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
        return (count, result.MessageType);
    }

    /// <summary>Records one live bar by the start of its minute, as every protocol stamps it.</summary>
    protected void RecordBar(DateTimeOffset barStart, DateTimeOffset received)
    {
        if (barStart == _lastBar) Interlocked.Increment(ref RepeatedBars);
        _lastBar = barStart;
        if (run.Record(barStart, received)) Interlocked.Increment(ref DeliveredInWindow);
    }

    /// <summary>Records one live quote or trade by its own time.</summary>
    protected void RecordTape(DateTimeOffset time, DateTimeOffset received)
    {
        if (run.RecordTape(time, received)) Interlocked.Increment(ref DeliveredInWindow);
    }

    private static byte[] Grow(byte[] buffer)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.CopyTo(bigger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
