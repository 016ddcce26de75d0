using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Gateway.AlpacaApi.Stream.Tape;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Gateway.Security;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Gateway.Telemetry;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>
/// <c>/v2/{feed}</c>: Alpaca's market-data stream, so that Alpaca SDKs and bots can share this cluster's single
/// upstream connection. Only the path of the feed the cluster serves (<see cref="ServedFeed"/>) streams; the other
/// feeds' paths answer as Alpaca does a feed outside the plan, with 409 at authentication, so that a client asking for
/// SIP never gets IEX data in its place.
/// </summary>
public static class AlpacaStreamEndpoint
{
    public static readonly string[] Feeds = ["iex", "sip", "delayed_sip", "test"];

    public static IEndpointRouteBuilder MapAlpacaStream(this IEndpointRouteBuilder app)
    {
        app.Map("/v2/{feed:regex(^(iex|sip|delayed_sip|test)$)}", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(
        HttpContext context, string feed, SymbolSubscriptions subscriptions, TapeSubscriptions tape, ConnectionRegistry registry, WildcardSymbols wildcard,
        ClientKeys keys, IOptions<MarketDataGatewayOptions> gatewayOptions, IOptions<AlpacaApiOptions> alpacaOptions,
        ServedFeed served, GatewayMetrics metrics, ILogger<AlpacaStreamSession> logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await AlpacaError.Result(StatusCodes.Status400BadRequest,
                $"/v2/{feed} is a WebSocket stream: connect with a WebSocket upgrade request").ExecuteAsync(context);
            return;
        }

        var settings = gatewayOptions.Value;
        var frames = StreamFrames.For(context.Request.ContentType);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await using var connection = new ClientConnection(
            socket, settings.SendQueueCapacity, settings.SlowClientCloseTimeout, frames.MessageType, frames.Error(StreamError.SlowClient))
        {
            Endpoint = GatewayMetrics.AlpacaStream,
        };
        // Until it authenticates, a client counts against the gateway's bound on pending sockets, then as its key
        // (or, where keys are not required, its address).
        var refusal = feed == served.Name ? (StreamError?)null : StreamError.InsufficientSubscription with
        {
            Message = $"{StreamError.InsufficientSubscription.Message}: /v2/{feed} is not served here; this cluster serves /v2/{served.Name} only",
        };
        var session = new AlpacaStreamSession(socket, connection, frames, subscriptions, tape, wildcard, keys, alpacaOptions.Value, metrics, logger,
            admit: keyId => registry.TryMove(connection, keys.ClientName(keyId, context)), refusal);
        var headers = context.Request.Headers;
        await SocketLifetime.RunAsync(socket, connection, registry, ConnectionRegistry.PendingAuth, settings.SlowClientCloseTimeout, context.RequestAborted,
            ended => session.RunAsync(context.Request.Path, headers[ClientKeys.KeyIdHeader].ToString(), headers[ClientKeys.SecretHeader].ToString(), ended),
            refusal => session.Refuse(refusal));
    }
}
