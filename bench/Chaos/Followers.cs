using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace OrleansMarketData.Bench.Chaos;

/// <summary>
/// Sockets that follow symbols through the load balancer for the whole run, reconnecting half a second after a close
/// as the chart page and the SDKs do: one <c>/ws/candles/{symbol}?timeframe=1Min</c> socket per symbol (history, then
/// live bars) and Alpaca stream clients on <c>/v2/iex</c> subscribed to every symbol's bars. Every bar goes to the ledger.
/// </summary>
public sealed class Followers(Uri loadBalancer, string keyId, string secret, BarLedger ledger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private int _connects;

    /// <summary>Connections opened after the first of each follower: reconnects.</summary>
    public int Reconnects => Volatile.Read(ref _connects);

    public void Start(IReadOnlyList<string> symbols, int streamClients)
    {
        foreach (var symbol in symbols)
            _running.Add(Task.Run(() => FollowCandlesAsync(symbol, _stop.Token)));
        for (var i = 0; i < streamClients; i++)
        {
            var name = $"v2/iex#{i + 1}";
            _running.Add(Task.Run(() => FollowStreamAsync(name, symbols, _stop.Token)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
    }

    private async Task FollowCandlesAsync(string symbol, CancellationToken stop)
    {
        var address = new Uri($"ws://{loadBalancer.Authority}/ws/candles/{symbol}?timeframe=1Min&limit=500&apiKey={keyId}:{secret}");
        for (var first = true; !stop.IsCancellationRequested; first = false)
        {
            if (!first) Interlocked.Increment(ref _connects);
            var connection = ledger.Open("ws/candles", symbol, withHistory: true);
            await RunAsync(address, null, connection.Closed, json =>
            {
                var type = json.GetProperty("type").GetString();
                if (type == "historical")
                    foreach (var bar in json.GetProperty("data").EnumerateArray()) connection.Received(CandleTime(bar), CandleValues(bar), live: false);
                else if (type == "bar") connection.Received(CandleTime(json), CandleValues(json), live: true);
            }, stop);
        }
    }

    private async Task FollowStreamAsync(string name, IReadOnlyList<string> symbols, CancellationToken stop)
    {
        var address = new Uri($"ws://{loadBalancer.Authority}/v2/iex");
        var login = $$"""[{"action":"auth","key":"{{keyId}}","secret":"{{secret}}"},{"action":"subscribe","bars":[{{string.Join(',', symbols.Select(s => $"\"{s}\""))}}]}]""";
        for (var first = true; !stop.IsCancellationRequested; first = false)
        {
            if (!first) Interlocked.Increment(ref _connects);
            var connections = symbols.ToDictionary(s => s, s => ledger.Open(name, s, withHistory: false));
            await RunAsync(address, login, () => { foreach (var c in connections.Values) c.Closed(); }, json =>
            {
                foreach (var message in json.ValueKind == JsonValueKind.Array ? json.EnumerateArray() : Enumerable.Repeat(json, 1))
                {
                    if (message.GetProperty("T").GetString() is "b" or "u" && connections.TryGetValue(message.GetProperty("S").GetString()!, out var connection))
                        connection.Received(DateTimeOffset.Parse(message.GetProperty("t").GetString()!), StreamValues(message), live: true);
                }
            }, stop);
        }
    }

    /// <summary>One connection: sends <paramref name="hello"/> (the Alpaca login), reads until the socket ends.</summary>
    private static async Task RunAsync(Uri address, string? hello, Action closed, Action<JsonElement> onMessage, CancellationToken stop)
    {
        using var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(address, stop);
            // The Alpaca stream sends its welcome first; the login may follow at once.
            if (hello is not null) await socket.SendAsync(Encoding.UTF8.GetBytes(hello), WebSocketMessageType.Text, true, stop);
            var buffer = new byte[1 << 20];
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer.AsMemory(count), stop);
                    count += received.Count;
                } while (!received.EndOfMessage && count < buffer.Length);
                if (received.MessageType == WebSocketMessageType.Close) break;
                using var document = JsonDocument.Parse(buffer.AsMemory(0, count));
                onMessage(document.RootElement);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException or IOException)
        {
        }
        closed();
        try
        {
            await Task.Delay(500, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static DateTimeOffset CandleTime(JsonElement bar) => DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!).ToUniversalTime();

    private static string CandleValues(JsonElement bar) =>
        string.Join(' ', new[] { "open", "high", "low", "close", "volume" }.Select(p => bar.GetProperty(p).GetRawText()));

    private static string StreamValues(JsonElement bar) =>
        string.Join(' ', new[] { "o", "h", "l", "c", "v" }.Select(p => bar.GetProperty(p).GetRawText()));
}
