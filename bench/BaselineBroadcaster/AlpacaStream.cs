using System.Net.WebSockets;

namespace OrleansMarketData.Bench.Baseline;

/// <summary>
/// <c>/v2/iex</c>: the Alpaca stream's protocol with nothing behind it but the broadcaster — the welcome, an auth
/// message (any key), bars subscribe and unsubscribe deltas answered with the whole state, then the bars of the
/// subscribed symbols. JSON text, or msgpack when the upgrade request has <c>Content-Type: application/msgpack</c>,
/// as on the gateway (docs/alpaca-compatibility.md, "Stream"), so the load generator measures both servers alike.
/// </summary>
public static class AlpacaStream
{
    public static void MapAlpacaStream(this IEndpointRouteBuilder app) => app.Map("/v2/iex", HandleAsync);

    private static async Task HandleAsync(HttpContext context, Broadcaster broadcaster)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var msgpack = context.Request.ContentType?.StartsWith("application/msgpack", StringComparison.OrdinalIgnoreCase) == true;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var subscriber = new Subscriber(socket, capacity: 256, msgpack ? WireFormat.AlpacaMsgPack : WireFormat.AlpacaJson);
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        var authenticated = false;
        subscriber.TrySend(AlpacaControl.Success("connected", msgpack));
        var writer = subscriber.WriteLoopAsync(context.RequestAborted);
        try
        {
            var buffer = new byte[16 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), context.RequestAborted);
                    count += result.Count;
                } while (!result.EndOfMessage && count < buffer.Length);
                if (result.MessageType == WebSocketMessageType.Close) break;
                var request = AlpacaRequest.Parse(buffer.AsMemory(0, count), result.MessageType == WebSocketMessageType.Binary);
                switch (request?.Action)
                {
                    case "auth":
                        authenticated = true;
                        subscriber.TrySend(AlpacaControl.Success("authenticated", msgpack));
                        break;
                    case "subscribe" or "unsubscribe" when !authenticated:
                        subscriber.TrySend(AlpacaControl.Error(401, "not authenticated", msgpack));
                        break;
                    case "subscribe":
                        foreach (var symbol in request.Bars.Select(s => s.ToUpperInvariant()).Where(symbols.Add)) broadcaster.Add(symbol, subscriber);
                        subscriber.TrySend(AlpacaControl.Subscription(symbols, msgpack));
                        break;
                    case "unsubscribe":
                        foreach (var symbol in request.Bars.Select(s => s.ToUpperInvariant()).Where(symbols.Remove)) broadcaster.Remove(symbol, subscriber);
                        subscriber.TrySend(AlpacaControl.Subscription(symbols, msgpack));
                        break;
                    default:
                        subscriber.TrySend(AlpacaControl.Error(400, "invalid syntax", msgpack));
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            foreach (var symbol in symbols) broadcaster.Remove(symbol, subscriber);
            subscriber.Complete();
            await writer;
        }
    }
}
