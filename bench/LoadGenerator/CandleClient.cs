using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;

namespace OrleansMarketData.Bench.Load;

/// <summary>
/// One subscriber on <c>/ws/candles/{symbol}</c>. It stamps each live bar on receipt and, when the bar was emitted
/// inside the measurement window, records its end-to-end latency and counts it as delivered.
/// </summary>
public sealed class CandleClient(string symbol, LoadRun run)
{
    private readonly ClientWebSocket _socket = new();
    private DateTimeOffset _lastBar;

    public string Symbol => symbol;
    public bool Connected { get; private set; }
    public bool GotHistory { get; private set; }
    public string? ConnectError { get; private set; }

    /// <summary>Set when the socket ended before the run did: a close from the gateway, or a failure.</summary>
    public string? LostReason { get; private set; }
    public DateTimeOffset ConnectedAt { get; private set; }
    public long DeliveredInWindow;
    public long RepeatedBars;

    public async Task ConnectAsync(Uri baseUrl, string timeframe, int limit, string keyQuery, CancellationToken cancellationToken)
    {
        try
        {
            _socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await _socket.ConnectAsync(new Uri(baseUrl, $"/ws/candles/{symbol}?timeframe={timeframe}&limit={limit}{keyQuery}"), cancellationToken);
            Connected = true;
            ConnectedAt = DateTimeOffset.UtcNow;
        }
        catch (Exception ex)
        {
            ConnectError = ex.GetBaseException().Message;
        }
    }

    public async Task ReceiveAsync(CancellationToken stop)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length) buffer = Grow(buffer);
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), stop);
                    count += result.Count;
                } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    LostReason = $"closed by server: {_socket.CloseStatus} {_socket.CloseStatusDescription}";
                    return;
                }
                OnMessage(buffer.AsSpan(0, count), DateTimeOffset.UtcNow);
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
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Abort() => _socket.Abort();

    private void OnMessage(ReadOnlySpan<byte> message, DateTimeOffset received)
    {
        run.CountMessage(message.Length);
        var reader = new Utf8JsonReader(message);
        string? type = null;
        DateTimeOffset? timestamp = null;
        // Top-level properties only: the historical message nests its bars in "data".
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetString();
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                timestamp = reader.GetDateTimeOffset();
            }
            else
            {
                reader.Read();
                reader.TrySkip();
            }
        }

        if (type == "historical") GotHistory = true;
        if (type != "bar" || timestamp is not { } bar) return;
        if (bar == _lastBar) Interlocked.Increment(ref RepeatedBars);
        _lastBar = bar;
        if (run.Record(bar, received)) Interlocked.Increment(ref DeliveredInWindow);
    }

    private static byte[] Grow(byte[] buffer)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.CopyTo(bigger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
