using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace OrleansMarketData.Client.Streaming;

/// <summary>
/// One <see cref="MarketDataClient.StreamCandlesAsync"/> enumeration: connects, yields what <see cref="Resync"/> lets
/// through, and reconnects after a lost connection or a close the gateway means to be retried (1001 shutting down,
/// 1011, 1013 unavailable, 4429 too many sockets, a slow client's 1008 after the history). A refusal of the request
/// itself ends the stream with <see cref="MarketDataException"/>.
/// </summary>
internal sealed class CandleStream(Uri address, MarketDataClientOptions options)
{
    /// <summary>Closes that refuse the request (docs/api.md, "Errors and close statuses"): retrying would not help.</summary>
    private static readonly HashSet<int> Refusals = [1003, 1007, 1008, 1009, 4001, 4404];

    public async IAsyncEnumerable<CandleUpdate> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var resync = new Resync();
        var backoff = new Backoff(options.InitialReconnectDelay, options.MaxReconnectDelay);
        while (true)
        {
            using var socket = new ClientWebSocket();
            if (options.Key is { } key)
            {
                socket.Options.SetRequestHeader(ClientKey.KeyIdHeader, key.KeyId);
                socket.Options.SetRequestHeader(ClientKey.SecretHeader, key.Secret);
            }
            var connection = new Connection(socket);
            if (await connection.ConnectAsync(address, cancellationToken))
            {
                while (await connection.ReceiveAsync(cancellationToken) is { } message)
                {
                    foreach (var update in resync.Apply(message)) yield return update;
                    if (connection.HasHistory) backoff.Reset();
                }
                if (!connection.HasHistory && connection.CloseStatus is { } status && Refusals.Contains(status))
                    throw new MarketDataException(connection.Error ?? $"the gateway closed the stream with status {status}", closeStatus: status);
            }
            if (options.MaxReconnectAttempts > 0 && backoff.Failures >= options.MaxReconnectAttempts)
                throw new MarketDataException($"the stream could not reconnect after {backoff.Failures} attempts", closeStatus: connection.CloseStatus);
            await Task.Delay(backoff.Next(), cancellationToken);
        }
    }

    /// <summary>One socket's life: whether it connected, its messages, its history, its error and close status.</summary>
    private sealed class Connection(ClientWebSocket socket)
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);

        public bool HasHistory { get; private set; }

        public string? Error { get; private set; }

        public int? CloseStatus { get; private set; }

        public async Task<bool> ConnectAsync(Uri address, CancellationToken cancellationToken)
        {
            try
            {
                await socket.ConnectAsync(address, cancellationToken);
                return true;
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        /// <summary>The next JSON message; null once the socket closed or was lost.</summary>
        public async Task<JsonElement?> ReceiveAsync(CancellationToken cancellationToken)
        {
            try
            {
                _buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(_buffer.GetMemory(16 * 1024), cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        CloseStatus = (int?)socket.CloseStatus;
                        return null;
                    }
                    _buffer.Advance(result.Count);
                } while (!result.EndOfMessage);
                using var document = JsonDocument.Parse(_buffer.WrittenMemory);
                var message = document.RootElement.Clone();
                var type = message.TryGetProperty("type", out var t) ? t.GetString() : null;
                if (type == "historical") HasHistory = true;
                if (type == "error" && message.TryGetProperty("message", out var error)) Error = error.GetString();
                return message;
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }
}
