using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.Api;
using OrleansMarketData.Gateway.Hosting;

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
        IOptions<GatewayOptions> options, ILogger<CandleSocketSession> logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ApiError.Result(StatusCodes.Status400BadRequest, "this endpoint needs a WebSocket upgrade request").ExecuteAsync(context);
            return;
        }

        var settings = options.Value;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await using var connection = new ClientConnection(socket, settings.SendQueueCapacity, settings.SlowClientCloseTimeout);
        var session = new CandleSocketSession(socket, connection, subscriptions, settings.MaxClientMessageBytes, logger);
        await SocketLifetime.RunAsync(socket, connection, registry, settings.SlowClientCloseTimeout, context.RequestAborted,
            ended => session.RunAsync(symbol, context.Request.Query, ended));
    }
}
