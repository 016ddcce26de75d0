using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace OrleansMarketData.FakeAlpaca;

/// <summary>One client on the fake stream: welcome, auth (message or headers, 10 s window), subscriptions
/// confirmed with the full state of every channel, batched bars, and Alpaca's error codes.</summary>
internal sealed class StreamSession(FakeAlpacaServer server, WebSocket socket, bool headerKeysValid, bool msgpack)
{
    private static readonly string[] Channels = ["trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses", "lulds"];
    private readonly Channel<string> _outgoing = Channel.CreateUnbounded<string>();
    private readonly Dictionary<string, HashSet<string>> _subscribed = Channels.ToDictionary(c => c, _ => new HashSet<string>());
    private readonly CancellationTokenSource _abort = new();
    private bool _authenticated;
    private volatile bool _silenced;

    public async Task RunAsync()
    {
        var writer = WriteLoopAsync();
        Send("""[{"T":"success","msg":"connected"}]""");
        if (headerKeysValid) Authenticate();
        using var authWindow = new CancellationTokenSource(TimeSpan.FromSeconds(10), server.Time);
        // Ended by a close handshake (either side's), or dropped: only a dropped session may be held.
        var closedCleanly = false;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var token = _authenticated ? _abort.Token : CancellationTokenSource.CreateLinkedTokenSource(_abort.Token, authWindow.Token).Token;
                var text = await ReceiveTextAsync(token);
                if (text is null || !Handle(text))
                {
                    closedCleanly = true;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (authWindow.IsCancellationRequested && !_authenticated)
        {
            Send("""[{"T":"error","code":404,"msg":"auth timeout"}]""");
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            _outgoing.Writer.TryComplete();
            await writer;
            server.Ended(this, _authenticated, closedCleanly && !_abort.IsCancellationRequested);
        }
    }

    /// <summary>Sends a minute bar ("b") to a session subscribed to the symbol's bars, or a correction ("u") to one subscribed to its updated bars.</summary>
    public void SendBar(FakeBar bar, bool correction)
    {
        var channel = correction ? "updatedBars" : "bars";
        lock (_subscribed)
        {
            if (!_authenticated || !(_subscribed[channel].Contains(bar.Symbol) || _subscribed[channel].Contains("*"))) return;
        }
        Send($$"""[{"T":"{{(correction ? "u" : "b")}}","S":"{{bar.Symbol}}","o":{{N(bar.Open)}},"h":{{N(bar.High)}},"l":{{N(bar.Low)}},"c":{{N(bar.Close)}},"v":{{bar.Volume}},"t":"{{bar.Time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}}"{{TradeFields(bar)}}}]""");
    }

    /// <summary>
    /// Sends a trade, quote or status message (the JSON of one item) to a session subscribed to the symbol on
    /// <paramref name="channel"/> (trades, quotes or statuses), or to every symbol with "*".
    /// </summary>
    public void SendTape(string channel, string symbol, string item)
    {
        lock (_subscribed)
        {
            if (!_authenticated || !(_subscribed[channel].Contains(symbol) || _subscribed[channel].Contains("*"))) return;
        }
        Send("[" + item + "]");
    }

    /// <summary>The symbols this session holds on a channel.</summary>
    public IReadOnlyCollection<string> SubscribedTo(string channel)
    {
        lock (_subscribed) return _authenticated ? _subscribed[channel].ToArray() : [];
    }

    /// <summary>From now on nothing is sent; the connection stays up.</summary>
    public void Silence() => _silenced = true;

    public void SendRaw(string frame) => Send(frame);

    public bool HasBars(string symbol)
    {
        lock (_subscribed) return _authenticated && _subscribed["bars"].Contains(symbol);
    }

    public void Abort()
    {
        _abort.Cancel();
        socket.Abort();
    }

    /// <summary>False when the session must end.</summary>
    private bool Handle(string text)
    {
        JsonElement message;
        try
        {
            message = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            Send("""[{"T":"error","code":400,"msg":"invalid syntax"}]""");
            return true;
        }
        switch (message.TryGetProperty("action", out var action) ? action.GetString() : null)
        {
            case "auth":
                if (_authenticated) return Refuse(403, "already authenticated", keepOpen: true);
                if (server.RefuseStreamEchoingKeys)
                    return Refuse(499, $"refused key {message.GetProperty("key").GetString()} with secret {message.GetProperty("secret").GetString()}", keepOpen: false);
                if (!server.HasValidKeys(message.GetProperty("key").GetString(), message.GetProperty("secret").GetString()))
                    return Refuse(402, "auth failed", keepOpen: false);
                return Authenticate();
            case "subscribe" or "unsubscribe" when !_authenticated:
                return Error(401, "not authenticated", keepOpen: true);
            case "subscribe" or "unsubscribe":
                return Subscription(message, action.GetString() == "subscribe");
            default:
                return Error(400, "invalid syntax", keepOpen: true);
        }
    }

    private bool Authenticate()
    {
        if (!server.TryAuthenticate()) return Refuse(406, "connection limit exceeded", keepOpen: false);
        server.AuthAttempts.Enqueue(new AuthAttempt(server.Now, null));
        _authenticated = true;
        Send("""[{"T":"success","msg":"authenticated"}]""");
        return true;
    }

    /// <summary>Refuses a login, recording the attempt.</summary>
    private bool Refuse(int code, string message, bool keepOpen)
    {
        server.AuthAttempts.Enqueue(new AuthAttempt(server.Now, code));
        return Error(code, message, keepOpen);
    }

    private bool Subscription(JsonElement message, bool add)
    {
        var changes = message.EnumerateObject().Where(p => p.Name != "action").ToList();
        if (changes.Any(p => !Channels.Contains(p.Name))) return Error(410, "invalid subscribe action for this feed", keepOpen: true);
        if (changes.All(p => p.Value.GetArrayLength() == 0)) return Error(400, "invalid syntax", keepOpen: true);
        lock (_subscribed)
        {
            var wanted = changes.Where(c => add).SelectMany(c => c.Value.EnumerateArray().Select(s => s.GetString()!));
            if (_subscribed.Values.SelectMany(s => s).Concat(wanted).Distinct().Count() > server.SymbolLimit)
                return Error(405, "symbol limit exceeded", keepOpen: true);
            foreach (var change in changes)
            foreach (var symbol in change.Value.EnumerateArray().Select(s => s.GetString()!))
            {
                if (add) _subscribed[change.Name].Add(symbol);
                else _subscribed[change.Name].Remove(symbol);
            }
            var state = Channels.ToDictionary(c => c, c => _subscribed[c].Order().ToArray());
            state["corrections"] = state["trades"];
            state["cancelErrors"] = state["trades"];
            Send("[" + JsonSerializer.Serialize(new Dictionary<string, object> { ["T"] = "subscription" }.Concat(state.Select(p => KeyValuePair.Create(p.Key, (object)p.Value))).ToDictionary()) + "]");
        }
        return true;
    }

    private bool Error(int code, string message, bool keepOpen)
    {
        Send($$"""[{"T":"error","code":{{code}},"msg":"{{message}}"}]""");
        return keepOpen;
    }

    private void Send(string frame)
    {
        if (!_silenced) _outgoing.Writer.TryWrite(frame);
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var frame in _outgoing.Reader.ReadAllAsync(_abort.Token))
            {
                // A raw test frame that is not JSON goes out as it is.
                var binary = msgpack && frame.StartsWith('[');
                var bytes = binary ? MsgPackFrames.FromJson(frame) : Encoding.UTF8.GetBytes(frame);
                await socket.SendAsync(bytes, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, _abort.Token);
            }
            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", _abort.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }

    private async Task<string?> ReceiveTextAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
                return result.MessageType == WebSocketMessageType.Binary ? MsgPackFrames.ToJson(message.ToArray()) : Encoding.UTF8.GetString(message.ToArray());
        }
    }

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The bar's <c>n</c> and <c>vw</c>, each left out when the bar has none.</summary>
    private static string TradeFields(FakeBar bar) =>
        (bar.TradeCount is { } trades ? $",\"n\":{trades}" : "") + (bar.Vwap is { } vwap ? $",\"vw\":{N(vwap)}" : "");
}
