using OrleansMarketData.Bench.Baseline;

// A minimal WebSocket broadcaster on /ws/candles/{symbol} and the Alpaca stream's /v2/iex (AlpacaStream.cs): the same
// URLs, handshake, messages and emit clock as the gateway, with nothing between the clock and the sockets. Settings: Urls and MarketData:Simulator:{StartTime,
// WallClockAnchor,Speed}, as for the gateway.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(BarClock.FromConfiguration(builder.Configuration));
builder.Services.AddSingleton<Broadcaster>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<Broadcaster>());
var app = builder.Build();
app.UseWebSockets();
app.MapAlpacaStream();
app.MapGet("/api/health", () => Results.Text("""{"status":"healthy"}""", "application/json"));
app.Map("/ws/candles/{symbol}", async (HttpContext context, string symbol, Broadcaster broadcaster) =>
{
    if (!context.WebSockets.IsWebSocketRequest) return Results.BadRequest();
    symbol = symbol.ToUpperInvariant();
    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    var subscriber = new Subscriber(socket, capacity: 256);
    subscriber.TrySend(BarMessages.History(symbol));
    broadcaster.Add(symbol, subscriber);
    var writer = subscriber.WriteLoopAsync(context.RequestAborted);
    try
    {
        var buffer = new byte[4096];
        while (socket.State == System.Net.WebSockets.WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (result.MessageType == System.Net.WebSockets.WebSocketMessageType.Close) break;
        }
    }
    catch (Exception ex) when (ex is OperationCanceledException or System.Net.WebSockets.WebSocketException)
    {
    }
    finally
    {
        broadcaster.Remove(symbol, subscriber);
        subscriber.Complete();
        await writer;
    }
    return Results.Empty;
});
app.Run();
