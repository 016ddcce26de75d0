using System.Net.WebSockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansMarketData.Gateway.Telemetry;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// One client on <c>/ws/candles/{symbol}</c>: validates the request, sends the history, streams live bars and
/// answers pings. Bad input gets an <c>{"type":"error"}</c> message and a close that says what went wrong.
/// </summary>
public sealed partial class CandleSocketSession(
    WebSocket socket, ClientConnection connection, SymbolSubscriptions subscriptions, int maxMessageBytes,
    GatewayMetrics metrics, ILogger logger)
{
    private static readonly byte[] Pong = """{"type":"pong"}"""u8.ToArray();

    public async Task RunAsync(string? symbolText, IQueryCollection query, CancellationToken cancellationToken)
    {
        if (!Api.RequestValidation.TryParseSeriesRequest(symbolText, query, out var symbol, out var timeframe, out var limit, out var error))
        {
            Fail(SocketClose.InvalidRequest, error);
            return;
        }

        SymbolSubscription subscription;
        try
        {
            subscription = await subscriptions.AcquireAsync(symbol);
        }
        catch (Exception ex)
        {
            LogUnavailable(logger, ex, symbol);
            Fail(SocketClose.Unavailable, $"market data for {symbol} is unavailable right now; retry later");
            return;
        }

        var listener = new CandleListener(connection, timeframe, metrics);
        subscription.Add(listener);
        try
        {
            if (!await SendHistoryAsync(subscription, listener, timeframe, limit)) return;
            LogConnected(logger, symbol, timeframe.Name(), limit);
            await ReceiveLoopAsync(cancellationToken);
        }
        finally
        {
            subscription.Remove(listener);
            await subscriptions.ReleaseAsync(subscription);
            LogDisconnected(logger, symbol, timeframe.Name(), connection.WasTooSlow);
        }
    }

    private async Task<bool> SendHistoryAsync(SymbolSubscription subscription, CandleListener listener, Timeframe timeframe, int limit)
    {
        HistorySnapshot snapshot;
        try
        {
            snapshot = await subscription.Grain.GetHistory(timeframe, limit);
        }
        catch (Exception ex)
        {
            LogUnavailable(logger, ex, subscription.Symbol);
            Fail(SocketClose.Unavailable, $"market data for {subscription.Symbol} is unavailable right now; retry later");
            return false;
        }

        switch (snapshot.State)
        {
            case SymbolState.UnknownSymbol:
                Fail(SocketClose.UnknownSymbol, $"unknown symbol '{subscription.Symbol}'");
                return false;
            case SymbolState.Unavailable:
                Fail(SocketClose.Unavailable, snapshot.Error ?? "market data is unavailable right now; retry later");
                return false;
        }
        subscription.Start(listener, snapshot);
        return true;
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[maxMessageBytes];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var message = await socket.ReceiveMessageAsync(buffer, cancellationToken);
                switch (message.Kind)
                {
                    case ReceivedKind.TooBig:
                        Fail(WebSocketCloseStatus.MessageTooBig, $"messages must be at most {maxMessageBytes} bytes");
                        return;
                    case ReceivedKind.Close:
                        connection.Close(WebSocketCloseStatus.NormalClosure, "");
                        return;
                    case ReceivedKind.Binary:
                        Fail(WebSocketCloseStatus.InvalidMessageType, "binary messages are not supported; send JSON text such as {\"action\":\"ping\"}");
                        return;
                }
                if (!Handle(buffer.AsSpan(0, message.Count))) return;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away without a close handshake, or the server is stopping.
        }
    }

    /// <summary>Handles one client message; false when the session must end.</summary>
    private bool Handle(ReadOnlySpan<byte> message)
    {
        string? action;
        try
        {
            var reader = new Utf8JsonReader(message, new JsonReaderOptions { MaxDepth = 8 });
            action = ReadAction(ref reader);
        }
        catch (JsonException)
        {
            Fail(WebSocketCloseStatus.InvalidPayloadData, "messages must be JSON objects such as {\"action\":\"ping\"}");
            return false;
        }

        if (action == "ping")
        {
            connection.TrySend(Pong);
            return true;
        }
        Fail(SocketClose.InvalidRequest, action is null
            ? "messages need an \"action\"; supported: ping"
            : $"unknown action '{Shorten(action)}'; supported: ping");
        return false;
    }

    /// <summary>The string value of the top-level "action" property, or null when there is none.</summary>
    private static string? ReadAction(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("not an object");
        string? action = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isAction = reader.ValueTextEquals("action"u8);
            reader.Read();
            if (isAction && reader.TokenType == JsonTokenType.String) action = reader.GetString();
            else reader.Skip();
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) throw new JsonException("trailing data");
        return action;
    }

    /// <summary>Sends an error message and closes: for a client refused before its session starts, and bad input.</summary>
    public void Fail(WebSocketCloseStatus status, string message)
    {
        connection.TrySend(ErrorMessage(message));
        connection.Close(status, SocketClose.Reason(message));
    }

    private static byte[] ErrorMessage(string message)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "error");
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket connected: {Symbol} {Timeframe}, history of up to {Limit} bars")]
    private static partial void LogConnected(ILogger logger, string symbol, string timeframe, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket disconnected: {Symbol} {Timeframe} (too slow: {TooSlow})")]
    private static partial void LogDisconnected(ILogger logger, string symbol, string timeframe, bool tooSlow);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market data for {Symbol} is unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string symbol);
}
