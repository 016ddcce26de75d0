using System.Diagnostics;
using System.Net.WebSockets;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Model;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>
/// One client of the Alpaca-compatible stream (<c>/v2/{feed}</c>): welcome, authentication within the time
/// allowed, subscribe and unsubscribe deltas answered with the whole state, and the bars of its symbols from this
/// gateway's shared candle-stream subscriptions. Errors are Alpaca's codes; only auth failures end the session.
/// </summary>
public sealed partial class AlpacaStreamSession(
    WebSocket socket, ClientConnection connection, StreamFrames frames, SymbolSubscriptions subscriptions,
    IClusterClient client, ClientKeys keys, AlpacaApiOptions options, FeedName feed, ILogger logger)
{
    private readonly Dictionary<string, Held> _held = new(StringComparer.Ordinal);
    private volatile StreamChannels _channels = StreamChannels.Empty;
    private bool _authenticated;

    public async Task RunAsync(string path, string? headerKey, string? headerSecret, CancellationToken cancellationToken)
    {
        connection.TrySend(frames.Success("connected"));
        if (!string.IsNullOrEmpty(headerKey) || !string.IsNullOrEmpty(headerSecret))
        {
            if (!Authenticate(headerKey, headerSecret)) return;
        }
        LogConnected(logger, path, frames.IsMsgPack ? "msgpack" : "json", _authenticated);
        try
        {
            await ReceiveLoopAsync(cancellationToken);
        }
        finally
        {
            foreach (var symbol in _held.Keys.ToList()) await ReleaseAsync(symbol);
            LogDisconnected(logger, path, connection.WasTooSlow);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[options.MaxMessageBytes];
        var authDeadline = Stopwatch.StartNew();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var receive = socket.ReceiveMessageAsync(buffer, cancellationToken).AsTask();
                if (!_authenticated)
                {
                    // Cancelling a receive would abort the socket before the error could be sent, so race a delay.
                    var remaining = options.AuthTimeout - authDeadline.Elapsed;
                    if (remaining <= TimeSpan.Zero || await Task.WhenAny(receive, Task.Delay(remaining, cancellationToken)) != receive)
                    {
                        _ = receive.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                        Fail(StreamError.AuthTimeout, WebSocketCloseStatus.PolicyViolation);
                        return;
                    }
                }
                var message = await receive;
                switch (message.Kind)
                {
                    case ReceivedKind.Close:
                        connection.Close(WebSocketCloseStatus.NormalClosure, "");
                        return;
                    case ReceivedKind.TooBig:
                        Fail(StreamError.InvalidSyntax with { Message = $"message too large: at most {options.MaxMessageBytes} bytes" }, WebSocketCloseStatus.MessageTooBig);
                        return;
                }
                var request = ClientRequest.Parse(buffer.AsMemory(0, message.Count), msgpack: message.Kind == ReceivedKind.Binary);
                if (!await HandleAsync(request)) return;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away without a close handshake, or the server is stopping.
        }
    }

    /// <summary>Handles one client message; false when the session must end.</summary>
    private async Task<bool> HandleAsync(ClientRequest? request)
    {
        switch (request?.Action)
        {
            case "auth" when _authenticated:
                connection.TrySend(frames.Error(StreamError.AlreadyAuthenticated));
                return true;
            case "auth":
                return Authenticate(request.Key, request.Secret);
            case "subscribe" or "unsubscribe" when !_authenticated:
                connection.TrySend(frames.Error(StreamError.NotAuthenticated));
                return true;
            case "subscribe" or "unsubscribe":
                var (next, error) = _channels.Apply(request, request.Action == "subscribe", options.MaxSymbolsPerConnection);
                if (error is { } refused)
                {
                    connection.TrySend(frames.Error(refused));
                    return true;
                }
                _channels = next!;
                connection.TrySend(frames.Subscription(next!));
                LogSubscription(logger, request.Action, next!.DataSymbols.Count(), next.HasDataWildcard);
                await HoldDataSymbolsAsync();
                return true;
            default:
                connection.TrySend(frames.Error(StreamError.InvalidSyntax));
                return true;
        }
    }

    private bool Authenticate(string? key, string? secret)
    {
        if (keys.Accepts(key, secret))
        {
            _authenticated = true;
            connection.TrySend(frames.Success("authenticated"));
            return true;
        }
        LogAuthFailed(logger);
        Fail(StreamError.AuthFailed, WebSocketCloseStatus.PolicyViolation);
        return false;
    }

    /// <summary>Holds the candle streams of exactly the symbols the data channels name now.</summary>
    private async Task HoldDataSymbolsAsync()
    {
        var channels = _channels;
        var wanted = channels.DataSymbols.ToHashSet(StringComparer.Ordinal);
        if (channels.HasDataWildcard) wanted.UnionWith(await WildcardSymbolsAsync());
        foreach (var symbol in _held.Keys.Where(s => !wanted.Contains(s)).ToList()) await ReleaseAsync(symbol);
        // In parallel: a symbol's first request waits for its history to load.
        var added = await Task.WhenAll(wanted.Where(s => !_held.ContainsKey(s)).Select(HoldAsync));
        foreach (var held in added.OfType<Held>()) _held[held.Listener.Symbol] = held;
    }

    /// <summary>"*": the simulator's symbols, or on Alpaca the symbols the cluster streams now.</summary>
    private async Task<IEnumerable<string>> WildcardSymbolsAsync()
    {
        var status = await client.GetGrain<IMarketFeedGrain>(feed.Name).GetStatus();
        return status.IsAlpaca ? status.Symbols : SymbolUniverse.All.Select(p => p.Symbol);
    }

    /// <summary>A started listener on the symbol's shared subscription; null for a symbol the feed does not know.</summary>
    private async Task<Held?> HoldAsync(string symbol)
    {
        SymbolSubscription? subscription = null;
        var listener = new AlpacaSymbolListener(symbol, bytes => connection.TrySend(bytes), frames, () => _channels);
        try
        {
            subscription = await subscriptions.AcquireAsync(symbol);
            subscription.Add(listener);
            var snapshot = await subscription.Grain.GetHistory(Timeframe.Minute1, 1);
            if (snapshot.State != SymbolState.UnknownSymbol)
            {
                subscription.Start(listener, snapshot);
                return new Held(subscription, listener);
            }
        }
        catch (Exception ex)
        {
            LogUnavailable(logger, ex, symbol);
            connection.TrySend(frames.Error(StreamError.Internal));
        }
        // A symbol Alpaca does not know is accepted and simply never sends a bar; so here.
        if (subscription is not null) await ReleaseAsync(new Held(subscription, listener));
        return null;
    }

    private async Task ReleaseAsync(string symbol)
    {
        if (_held.Remove(symbol, out var held)) await ReleaseAsync(held);
    }

    private async Task ReleaseAsync(Held held)
    {
        held.Subscription.Remove(held.Listener);
        await subscriptions.ReleaseAsync(held.Subscription);
    }

    private sealed record Held(SymbolSubscription Subscription, AlpacaSymbolListener Listener);

    private void Fail(StreamError error, WebSocketCloseStatus status)
    {
        connection.TrySend(frames.Error(error));
        connection.Close(status, SocketClose.Reason(error.Message));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alpaca stream client connected on {Path} ({Format}, authenticated by headers: {Authenticated})")]
    private static partial void LogConnected(ILogger logger, string path, string format, bool authenticated);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alpaca stream client disconnected from {Path} (too slow: {TooSlow})")]
    private static partial void LogDisconnected(ILogger logger, string path, bool tooSlow);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alpaca stream client failed to authenticate")]
    private static partial void LogAuthFailed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alpaca stream client {Action}: now {SymbolCount} symbols with data (wildcard: {Wildcard})")]
    private static partial void LogSubscription(ILogger logger, string action, int symbolCount, bool wildcard);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market data for {Symbol} is unavailable to an Alpaca stream client")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string symbol);
}
