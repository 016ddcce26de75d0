using System.Net.WebSockets;
using System.Text.Json;
using OrleansMarketData.Gateway.Admission;
using OrleansMarketData.Gateway.Telemetry;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// One client on <c>/ws/candles/{symbol}</c>: validates the request, sends the history, streams live bars and
/// answers pings. Bad input gets an <c>{"type":"error"}</c> message and a close that says what went wrong. A symbol
/// whose history is still loading is waited for in the gateway's <see cref="HistoryQueue"/>; a socket the queue has no
/// room for, or whose history did not load within its wait limit, is closed with 1013 and a <c>retryAfter</c> hint.
/// </summary>
public sealed partial class CandleSocketSession(
    WebSocket socket, ClientConnection connection, SymbolSubscriptions subscriptions, HistoryQueue queue, KnownSymbols known, int maxMessageBytes,
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

        if (!await known.IsKnownAsync(symbol))
        {
            Fail(SocketClose.UnknownSymbol, $"unknown symbol '{symbol}'");
            return;
        }
        using var place = queue.TryEnter();
        if (place is null)
        {
            Fail(SocketClose.Unavailable, queue.FullMessage, queue.RetryAfterSeconds);
            return;
        }

        SymbolSubscription? subscription;
        try
        {
            subscription = await queue.UntilLoadedAsync(symbol, () => subscriptions.AcquireAsync(symbol), _ => false, cancellationToken);
        }
        catch (Exception ex)
        {
            LogUnavailable(logger, ex, symbol);
            Fail(SocketClose.Unavailable, $"market data for {symbol} is unavailable right now; retry later");
            return;
        }
        if (subscription is null)
        {
            Fail(SocketClose.Unavailable, queue.StillLoadingMessage(symbol), queue.RetryAfterSeconds);
            return;
        }

        var listener = new CandleListener(connection, timeframe, metrics);
        subscription.Add(listener);
        try
        {
            var sent = await SendHistoryAsync(subscription, listener, timeframe, limit, cancellationToken);
            place.Dispose();
            if (!sent) return;
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

    private async Task<bool> SendHistoryAsync(
        SymbolSubscription subscription, CandleListener listener, Timeframe timeframe, int limit, CancellationToken cancellationToken)
    {
        HistorySnapshot? snapshot;
        try
        {
            snapshot = await queue.UntilLoadedAsync(subscription.Symbol, () => subscription.Grain.GetHistory(timeframe, limit).AsTask(),
                s => s.State == SymbolState.Loading, cancellationToken);
        }
        catch (Exception ex)
        {
            LogUnavailable(logger, ex, subscription.Symbol);
            Fail(SocketClose.Unavailable, $"market data for {subscription.Symbol} is unavailable right now; retry later");
            return false;
        }

        if (snapshot is null)
        {
            Fail(SocketClose.Unavailable, queue.StillLoadingMessage(subscription.Symbol), queue.RetryAfterSeconds);
            return false;
        }
        switch (snapshot.State)
        {
            case SymbolState.UnknownSymbol:
                known.RememberUnknown(subscription.Symbol);
                Fail(SocketClose.UnknownSymbol, $"unknown symbol '{subscription.Symbol}'");
                return false;
            case SymbolState.Unavailable or SymbolState.Loading:
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
    /// <param name="retryAfter">Seconds after which a retry may succeed, sent as <c>retryAfter</c> when given.</param>
    public void Fail(WebSocketCloseStatus status, string message, int? retryAfter = null)
    {
        connection.TrySend(SocketErrorMessage.Encode(message, retryAfter));
        connection.Close(status, SocketClose.Reason(message));
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket connected: {Symbol} {Timeframe}, history of up to {Limit} bars")]
    private static partial void LogConnected(ILogger logger, string symbol, string timeframe, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket disconnected: {Symbol} {Timeframe} (too slow: {TooSlow})")]
    private static partial void LogDisconnected(ILogger logger, string symbol, string timeframe, bool tooSlow);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market data for {Symbol} is unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string symbol);
}
