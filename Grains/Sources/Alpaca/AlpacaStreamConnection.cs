using System.Net.WebSockets;
using System.Text.Json;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// One authenticated connection to Alpaca's stream (JSON text frames): waits for the welcome frame, authenticates
/// within the window Alpaca allows, sends subscription deltas and reads frames. WebSocket pings keep it alive and
/// detect a dead peer.
/// </summary>
public sealed class AlpacaStreamConnection : IAsyncDisposable
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly byte[] _buffer = new byte[64 * 1024];

    private AlpacaStreamConnection()
    {
        _socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(10);
        _socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>Connects and authenticates; throws <see cref="AlpacaStreamException"/> with the state in words.</summary>
    public static async Task<AlpacaStreamConnection> OpenAsync(Uri uri, string keyId, string secret, CancellationToken cancellationToken)
    {
        var session = new AlpacaStreamConnection();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(HandshakeTimeout);
            try
            {
                await session._socket.ConnectAsync(uri, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException)
            {
                throw new AlpacaStreamException(ex.Message.Contains("429") ? "rate limited (HTTP 429)" : "unreachable");
            }
            await session.ExpectSuccessAsync("connected", timeout.Token);
            await session.SendAsync(new { action = "auth", key = keyId, secret }, timeout.Token);
            await session.ExpectSuccessAsync("authenticated", timeout.Token);
            return session;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await session.DisposeAsync();
            throw new AlpacaStreamException("handshake timed out");
        }
        catch (AlpacaStreamException ex) when (ex.Message.Contains(keyId, StringComparison.Ordinal) || ex.Message.Contains(secret, StringComparison.Ordinal))
        {
            // An error of a code we do not know carries the upstream's own words, which may repeat what we sent.
            await session.DisposeAsync();
            throw new AlpacaStreamException(ex.Message.Replace(secret, "[redacted]", StringComparison.Ordinal).Replace(keyId, "[redacted]", StringComparison.Ordinal), ex.Code);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public Task SubscribeAsync(IReadOnlyCollection<string> symbols, CancellationToken cancellationToken) =>
        SendAsync(new { action = "subscribe", bars = symbols, updatedBars = symbols }, cancellationToken);

    public Task UnsubscribeAsync(IReadOnlyCollection<string> symbols, CancellationToken cancellationToken) =>
        SendAsync(new { action = "unsubscribe", bars = symbols, updatedBars = symbols }, cancellationToken);

    /// <summary>Subscribes or unsubscribes trades, quotes and statuses; empty lists change nothing, as at Alpaca.</summary>
    public Task ChangeTapeAsync(bool subscribe, IReadOnlyCollection<string> trades, IReadOnlyCollection<string> quotes,
        IReadOnlyCollection<string> statuses, CancellationToken cancellationToken) =>
        SendAsync(new { action = subscribe ? "subscribe" : "unsubscribe", trades, quotes, statuses }, cancellationToken);

    /// <summary>The next frame's messages; throws <see cref="AlpacaStreamException"/> when the connection ends.</summary>
    public async Task<List<StreamMessage>> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var frame = new MemoryStream();
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(_buffer.AsMemory(), cancellationToken);
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
            {
                throw new AlpacaStreamException("connection lost");
            }
            if (result.MessageType == WebSocketMessageType.Close)
                throw new AlpacaStreamException($"closed by Alpaca ({(int?)_socket.CloseStatus} {_socket.CloseStatusDescription})".Replace("  ", " "));
            frame.Write(_buffer, 0, result.Count);
            if (result.EndOfMessage) return StreamMessage.Parse(frame.GetBuffer().AsSpan(0, (int)frame.Length));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        _socket.Dispose();
        _sendLock.Dispose();
    }

    private async Task ExpectSuccessAsync(string expected, CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var message in await ReceiveAsync(cancellationToken))
            {
                switch (message)
                {
                    case StreamMessage.Success success when success.Message == expected:
                        return;
                    case StreamMessage.Error error:
                        throw AlpacaStreamException.From(error);
                }
            }
        }
    }

    private async Task SendAsync(object message, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        catch (WebSocketException)
        {
            throw new AlpacaStreamException("connection lost");
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
