using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.Api;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Gateway.Json;

namespace OrleansMarketData.Gateway.Sockets;

public static class CandleSocketEndpoint
{
    public static IEndpointRouteBuilder MapCandleSockets(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/candles/{symbol}", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(
        HttpContext context, string symbol, SymbolSubscriptions subscriptions, ConnectionRegistry registry,
        CandleJson json, IOptions<GatewayOptions> options, ILogger<CandleSocketSession> logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ApiError.Result(StatusCodes.Status400BadRequest, "this endpoint needs a WebSocket upgrade request").ExecuteAsync(context);
            return;
        }

        var settings = options.Value;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await using var connection = new ClientConnection(socket, settings.SendQueueCapacity, settings.SlowClientCloseTimeout);
        registry.Add(connection);
        try
        {
            var session = new CandleSocketSession(socket, connection, subscriptions, json, settings.MaxClientMessageBytes, logger);
            await session.RunAsync(symbol, context.Request.Query, context.RequestAborted);
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived) connection.Close(WebSocketCloseStatus.NormalClosure, "");
            else if (socket.State is not WebSocketState.CloseSent) connection.Abort();
            // Let queued messages and the close frame go out before the connection is torn down.
            await connection.Completion.WaitAsync(settings.SlowClientCloseTimeout + TimeSpan.FromSeconds(1)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            registry.Remove(connection);
        }
    }
}
