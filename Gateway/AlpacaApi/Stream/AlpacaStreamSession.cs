using System.Diagnostics;
using System.Net.WebSockets;
using OrleansMarketData.Gateway.AlpacaApi.Stream.Tape;
using OrleansMarketData.Gateway.Hosting;
using OrleansMarketData.Gateway.Security;
using OrleansMarketData.Gateway.Sockets;
using OrleansMarketData.Gateway.Telemetry;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>
/// One client of the Alpaca-compatible stream (<c>/v2/{feed}</c>): welcome, authentication within the time
/// allowed, subscribe and unsubscribe deltas answered with the whole state, and the bars of its symbols from this
/// gateway's shared symbol subscriptions. Errors are Alpaca's codes; only auth failures and socket limits end
/// the session.
/// </summary>
/// <param name="admit">Counts an authenticated key against the socket limits: the reason it may not connect, or null.</param>
/// <param name="feedRefusal">
/// Set when the path names a feed the cluster does not serve: sent instead of <c>authenticated</c>, then the socket is
/// closed, as Alpaca answers a feed outside the plan (409 at authentication).
/// </param>
public sealed partial class AlpacaStreamSession(
    WebSocket socket, ClientConnection connection, StreamFrames frames, SymbolSubscriptions subscriptions,
    TapeSubscriptions tape, WildcardSymbols wildcard, ClientKeys keys, AlpacaApiOptions options, GatewayMetrics metrics, ILogger logger,
    Func<string, string?> admit, StreamError? feedRefusal = null)
{
    private readonly ConnectionSubscriptions _subscriptions = new(
        subscriptions, wildcard, frames, bytes => connection.TrySend(bytes), logger, metrics);
    private readonly ConnectionTape _tape = new(tape, wildcard, frames, bytes => connection.TrySend(bytes), metrics);
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
            await _subscriptions.ReleaseAllAsync();
            await _tape.ReleaseAsync();
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
                var (next, error) = _subscriptions.Channels.Apply(request, request.Action == "subscribe", options.MaxSymbolsPerConnection);
                if (error is { } refused)
                {
                    connection.TrySend(frames.Error(refused));
                    return true;
                }
                if (request.Action == "subscribe" && next!.HasDataWildcard && await WildcardErrorAsync(next) is { } wildcardError)
                {
                    connection.TrySend(frames.Error(wildcardError));
                    return true;
                }
                connection.TrySend(frames.Subscription(next!));
                LogSubscription(logger, request.Action, next!.DataSymbols.Count(), next.HasDataWildcard);
                if (!await ChangeAsync(next!)) connection.TrySend(frames.Error(StreamError.Internal));
                return true;
            default:
                connection.TrySend(frames.Error(StreamError.InvalidSyntax));
                return true;
        }
    }

    /// <summary>Holds what the channels name: the bars' symbol subscriptions and the tape's; false when some failed.</summary>
    private async Task<bool> ChangeAsync(StreamChannels next)
    {
        var bars = await _subscriptions.ChangeAsync(next);
        try
        {
            await _tape.ChangeAsync(next);
            return bars;
        }
        catch (Exception ex)
        {
            LogWildcardUnavailable(logger, ex);
            return false;
        }
    }

    /// <summary>
    /// <c>"*"</c> holds every symbol the feed lists, so it counts as those against the per-connection limit (405
    /// beyond it); else one connection could hold them all, whatever the limit.
    /// </summary>
    private async Task<StreamError?> WildcardErrorAsync(StreamChannels next)
    {
        try
        {
            var held = (await wildcard.GetAsync()).Union(next.NamedSymbols, StringComparer.Ordinal).Count();
            return held > options.MaxSymbolsPerConnection ? StreamError.SymbolLimitExceeded : null;
        }
        catch (Exception ex)
        {
            LogWildcardUnavailable(logger, ex);
            return StreamError.Internal;
        }
    }

    /// <summary>Tells a client over a socket limit why it cannot stay, before its session starts.</summary>
    public void Refuse(string reason)
    {
        connection.TrySend(frames.Success("connected"));
        LogRefused(logger, reason);
        Fail(StreamError.ConnectionLimitExceeded, WebSocketCloseStatus.PolicyViolation);
    }

    private bool Authenticate(string? key, string? secret)
    {
        if (keys.Accepts(key, secret))
        {
            if (feedRefusal is { } wrongFeed)
            {
                LogRefused(logger, wrongFeed.Message);
                Fail(wrongFeed, WebSocketCloseStatus.PolicyViolation);
                return false;
            }
            if (admit(key!) is { } refusal)
            {
                LogRefused(logger, refusal);
                Fail(StreamError.ConnectionLimitExceeded, WebSocketCloseStatus.PolicyViolation);
                return false;
            }
            _authenticated = true;
            connection.TrySend(frames.Success("authenticated"));
            return true;
        }
        LogAuthFailed(logger);
        Fail(StreamError.AuthFailed, WebSocketCloseStatus.PolicyViolation);
        return false;
    }

    private void Fail(StreamError error, WebSocketCloseStatus status)
    {
        connection.TrySend(frames.Error(error));
        connection.Close(status, SocketClose.Reason(error.Message));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alpaca stream client connected on {Path} ({Format}, authenticated by headers: {Authenticated})")]
    private static partial void LogConnected(ILogger logger, string path, string format, bool authenticated);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alpaca stream client disconnected from {Path} (too slow: {TooSlow})")]
    private static partial void LogDisconnected(ILogger logger, string path, bool tooSlow);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The symbols an Alpaca stream client's \"*\" stands for could not be listed")]
    private static partial void LogWildcardUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alpaca stream client refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alpaca stream client failed to authenticate")]
    private static partial void LogAuthFailed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alpaca stream client {Action}: now {SymbolCount} symbols with data (wildcard: {Wildcard})")]
    private static partial void LogSubscription(ILogger logger, string action, int symbolCount, bool wildcard);
}
