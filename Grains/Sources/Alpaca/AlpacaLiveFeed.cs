using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;
using OrleansMarketData.Metrics;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// The one live connection to Alpaca's stream. It reconnects with capped, jittered exponential backoff; after a
/// reconnect it subscribes the current symbols again and backfills through REST every minute bar missed since
/// the last one received, beside the reader, holding each symbol's live bars until its gap is filled
/// (<see cref="BackfillGaps"/>). Subscriptions change by delta, never "all off, then on".
/// </summary>
public sealed partial class AlpacaLiveFeed : ILiveBarFeed
{
    private readonly AlpacaOptions _options;
    private readonly AlpacaRestClient _rest;
    private readonly IMarketCalendar _calendar;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    // Written by the reader and the backfill, one at a time under BackfillGaps' lock.
    private readonly Channel<SymbolBar> _bars = Channel.CreateUnbounded<SymbolBar>();
    private readonly Channel<bool> _backfillWanted = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly BackfillGaps _gaps;
    private readonly Task _backfill;
    private volatile string? _backfillError;
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SubscriptionState _subscriptions = new();
    private readonly MalformedCounter _malformed;
    private readonly MarketDataMetrics? _metrics;
    private readonly KeyValuePair<string, object?> _feedTag;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile bool _connected;
    private volatile string _state = "connecting";
    private volatile string? _lastError;
    private volatile string? _staleReason;
    private long _lastMessageTicks;

    public AlpacaLiveFeed(
        AlpacaOptions options, AlpacaRestClient rest, IMarketCalendar calendar, TimeProvider time, ILogger logger,
        MarketDataMetrics? metrics = null)
    {
        _metrics = metrics;
        _feedTag = MarketDataMetrics.Feed(options.Feed);
        _options = options;
        _rest = rest;
        _calendar = calendar;
        _time = time;
        _logger = logger;
        _malformed = new MalformedCounter(logger);
        _gaps = new BackfillGaps(_bars.Writer);
        _loop = Task.Run(() => RunAsync(_stop.Token));
        _backfill = Task.Run(() => BackfillLoopAsync(_stop.Token));
    }

    public ChannelReader<SymbolBar> Bars => _bars.Reader;
    public bool Connected => _connected;
    public string State => _state;
    /// <summary>The stream's last error, or the minutes still owed after a backfill failed.</summary>
    public string? LastError => BackfillStatus() ?? _lastError;

    public DateTimeOffset? LastMessageTime =>
        Interlocked.Read(ref _lastMessageTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Frames or items that could not be read, since start.</summary>
    public long MalformedCount => _malformed.Total;

    public void Subscribe(string symbol, DateTimeOffset? resumeAfter)
    {
        // Backfilled from there at once, beside whatever session runs; the symbol's live bars wait for it.
        if (resumeAfter is { } last)
        {
            _gaps.Resume(symbol, last);
            _backfillWanted.Writer.TryWrite(true);
        }
        _subscriptions.Want(symbol);
        _changed.Writer.TryWrite(true);
    }

    public void Unsubscribe(string symbol)
    {
        _subscriptions.Drop(symbol);
        _gaps.Drop(symbol);
        _changed.Writer.TryWrite(true);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _backfill.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _bars.Writer.TryComplete();
        _tape.Writer.TryComplete();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            int? code = null;
            try
            {
                _state = "connecting";
                await using var session = await AlpacaStreamConnection.OpenAsync(
                    new Uri(_options.StreamUrl), _options.KeyId!, _options.SecretKey!, cancellationToken);
                _connected = true;
                _state = "streaming";
                _lastError = null;
                failures = 0;
                LogConnected(_logger, _options.Feed);
                await RunSessionAsync(session, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (AlpacaStreamException ex)
            {
                code = ex.Code;
                _lastError = ex.Message;
            }
            catch (Exception ex)
            {
                _lastError = "stream failed";
                LogUnexpected(_logger, ex);
            }
            _connected = false;
            _subscriptions.Disconnected();
            TapeDisconnected();
            _metrics?.UpstreamReconnect(_feedTag);
            failures++;
            var delay = ReconnectDelay(failures, code);
            _state = _lastError ?? "disconnected";
            LogDisconnected(_logger, _options.Feed, _state, delay.TotalSeconds);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _connected = false;
        _state = "stopped";
    }

    private async Task RunSessionAsync(AlpacaStreamConnection session, CancellationToken cancellationToken)
    {
        var symbols = _subscriptions.Wanted();
        if (symbols.Count > 0) await session.SubscribeAsync(symbols, cancellationToken);
        _subscriptions.Requested(symbols);
        await ResubscribeTapeAsync(session, cancellationToken);
        _gaps.Reconnected(symbols);
        _backfillWanted.Writer.TryWrite(true);

        _staleReason = null;
        using var sessionStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watchdog = WatchAsync(session, sessionStop.Token);
        try
        {
            while (true)
            {
                var messages = await session.ReceiveAsync(cancellationToken);
                var receivedAt = _time.GetUtcNow();
                Interlocked.Exchange(ref _lastMessageTicks, receivedAt.UtcTicks);
                foreach (var message in messages) await HandleAsync(message, receivedAt, cancellationToken);
            }
        }
        catch (AlpacaStreamException) when (_staleReason is { } reason)
        {
            throw new AlpacaStreamException(reason);
        }
        finally
        {
            await sessionStop.CancelAsync();
            await watchdog.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async ValueTask HandleAsync(StreamMessage message, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case StreamMessage.MinuteBar bar:
                // Corrections come later by design: only first deliveries tell how far behind the stream runs.
                if (!bar.IsCorrection) _metrics?.UpstreamLag(receivedAt - bar.Bar.Time.AddMinutes(1), _feedTag);
                _gaps.Live(bar.Symbol, bar.Bar);
                break;
            case StreamMessage.Tape tape:
                _tape.Writer.TryWrite(tape.Event);
                break;
            case StreamMessage.Subscription subscription:
                _subscriptions.Confirmed(subscription.Bars);
                ConfirmTape(subscription);
                LogSubscription(_logger, _options.Feed, subscription.Bars.Count);
                break;
            case StreamMessage.Error { Code: 405 or 400 or 410 } error:
                // The request was refused and the subscription set is unchanged; the next confirmation is the truth.
                LogRefused(_logger, AlpacaStreamException.Describe(error.Code, error.Message));
                _subscriptions.Refused();
                TapeRefused();
                break;
            case StreamMessage.Error error:
                throw AlpacaStreamException.From(error);
            case StreamMessage.Malformed malformed:
                _malformed.Add(malformed);
                break;
        }
    }

    /// <summary>Exponential from 1 s, capped, ±20 % jitter; longer after refusals that retrying soon cannot fix.</summary>
    private TimeSpan ReconnectDelay(int failures, int? code)
    {
        var seconds = Math.Min(_options.MaxReconnectDelay.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 16)));
        seconds = code switch
        {
            402 or 409 or 411 => Math.Max(seconds, Math.Min(30, _options.MaxReconnectDelay.TotalSeconds)),
            // Alpaca may hold a dropped session for about 90 s; hammering it only extends the refusals.
            406 => Math.Max(seconds, Math.Min(15, _options.MaxReconnectDelay.TotalSeconds)),
            _ => seconds,
        };
        return TimeSpan.FromSeconds(seconds * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }
}
