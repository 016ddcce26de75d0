using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.Admission;
using OrleansMarketData.Gateway.Api;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Gateway.Security;
using OrleansMarketData.Gateway.Telemetry;

namespace OrleansMarketData.Gateway.Sockets;

public static class CandleSocketEndpoint
{
    public static IEndpointRouteBuilder MapCandleSockets(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/candles/{symbol}", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(
        HttpContext context, string symbol, SymbolSubscriptions subscriptions, HistoryQueue queue, KnownSymbols known, ConnectionRegistry registry,
        ClientKeys keys, IOptions<MarketDataGatewayOptions> options, GatewayMetrics metrics, ILogger<CandleSocketSession> logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ApiError.Result(StatusCodes.Status400BadRequest, "this endpoint needs a WebSocket upgrade request").ExecuteAsync(context);
            return;
        }

        var settings = options.Value;
        // Browsers cannot read an HTTP status from a refused upgrade, so refusals are close codes on an accepted socket.
        var identity = keys.Identify(context);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await using var connection = new ClientConnection(socket, settings.SendQueueCapacity, settings.SlowClientCloseTimeout)
        {
            Endpoint = GatewayMetrics.CandleSockets,
        };
        var session = new CandleSocketSession(socket, connection, subscriptions, queue, known, settings.MaxClientMessageBytes, metrics, logger);
        await SocketLifetime.RunAsync(socket, connection, registry, identity.Client, settings.SlowClientCloseTimeout, context.RequestAborted,
            ended =>
            {
                if (identity.Allowed) return session.RunAsync(symbol, context.Request.Query, ended);
                session.Fail(SocketClose.Unauthorized, $"unauthorized: {keys.Requirement}");
                return Task.CompletedTask;
            },
            refusal => session.Fail(SocketClose.TooManySockets, refusal));
    }
}
