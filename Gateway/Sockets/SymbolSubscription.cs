using System.Threading.Channels;
using OrleansMarketData.Gateway.Json;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// This gateway's one subscription to a symbol's live batches, shared by all its sockets for that symbol: the
/// gateway's observer is registered with the symbol's grain. Each batch is serialised once per timeframe and
/// queued to every listener. While it has holders it checks in with the grain: that renews the registration
/// (which a grain activated anew has not got), keeps the grain active, and shows whether batches stopped arriving.
/// A batch that follows one never received, or batches that stopped, make it catch its sockets up from the history.
/// </summary>
/// <remarks>
/// One concurrency model, a grain's: everything that happens to the subscription is a command in its mailbox, and
/// one loop carries them out in order, one at a time, so its state (holders, listeners, epoch, versions received, a
/// pending catch-up) has a single owner and needs no lock. The rules of versions and epochs are in
/// SymbolSubscription.Delivery.cs. The loop awaits the grain only to open and close the registration and to catch up,
/// as a grain awaits the calls of its turn: batches that arrive meanwhile wait in order. A check-in's call runs
/// outside the loop and comes back as a command with its answer.
/// </remarks>
public sealed partial class SymbolSubscription
{
    private readonly Channel<Command> _mailbox = Channel.CreateUnbounded<Command>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _symbol;
    private readonly ICandleObserver _observer;
    private readonly ILogger _logger;
    private readonly List<ICandleListener> _listeners = [];
    private readonly BatchMessages _messages;
    private int _holders;
    private bool _closed;

    public SymbolSubscription(string symbol, IClusterClient client, ICandleObserver observer, CandleJson json, ILogger logger)
    {
        _symbol = symbol;
        _observer = observer;
        _logger = logger;
        _messages = new BatchMessages(symbol, json);
        // Made once: Orleans resolves the interface's type name on every GetGrain, and a check-in needs the reference.
        Grain = client.GetGrain<ISymbolGrain>(symbol);
        _ = Task.Run(RunAsync);
    }

    public string Symbol => _symbol;

    public ISymbolGrain Grain { get; }

    /// <summary>
    /// When the next check-in is due (<see cref="Environment.TickCount64"/>); 0 until first scheduled. Read and written
    /// only by <see cref="SymbolSubscriptions"/>' check-in timer.
    /// </summary>
    internal long NextCheckIn { get; set; }

    /// <summary>Batches are passed to the listener from the next one the mailbox takes on.</summary>
    public void Add(ICandleListener listener) => Post(new Command(CommandKind.Add, Listener: listener));

    public void Remove(ICandleListener listener) => Post(new Command(CommandKind.Remove, Listener: listener));

    /// <summary>Starts a listener's live updates from a snapshot (its history, if it sends one), with nothing in between.</summary>
    public void Start(ICandleListener listener, HistorySnapshot snapshot) =>
        Post(new Command(CommandKind.Start, Listener: listener, Snapshot: snapshot));

    /// <summary>Takes a batch from the gateway's observer, in the order the grain sent them.</summary>
    internal void Receive(CandleBatch batch) => Post(new Command(CommandKind.Batch, Batch: batch));

    /// <summary>Checks in with the grain (see the class summary); skipped while the previous check-in still runs.</summary>
    internal void CheckIn() => Post(new Command(CommandKind.CheckIn));

    /// <summary>Adds a holder, registering with the grain on the first. False when this subscription already closed.</summary>
    internal Task<bool> TryHoldAsync() => Ask(CommandKind.Hold);

    /// <summary>Removes a holder, ending the registration after the last. True when this subscription closed.</summary>
    internal Task<bool> ReleaseAsync() => Ask(CommandKind.Release);

    private Task<bool> Ask(CommandKind kind)
    {
        var reply = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        // A closed mailbox takes nothing more: a hold comes too late, and the caller makes a fresh subscription.
        return _mailbox.Writer.TryWrite(new Command(kind, Reply: reply)) ? reply.Task : Task.FromResult(false);
    }

    /// <summary>Commands to a closed subscription are dropped: it has no sockets and is no longer registered.</summary>
    private void Post(Command command) => _mailbox.Writer.TryWrite(command);

    private async Task RunAsync()
    {
        var reader = _mailbox.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var command))
            {
                try
                {
                    await HandleAsync(command).ConfigureAwait(false);
                }
                catch (Exception ex) when (command.Reply is { } reply)
                {
                    // The caller hears of it (a failed registration), and the subscription stays as it was.
                    reply.TrySetException(ex);
                }
                catch (Exception ex)
                {
                    if (command.Batch is { } batch) LogDeliveryFailed(_logger, ex, _symbol, batch.Version);
                    else LogCommandFailed(_logger, ex, _symbol, command.Kind);
                }
            }
        }
    }

    private ValueTask HandleAsync(in Command command)
    {
        if (_closed)
        {
            // Commands already queued when the last holder left: a hold is refused, the rest has nobody to serve.
            command.Reply?.TrySetResult(false);
            return ValueTask.CompletedTask;
        }
        switch (command.Kind)
        {
            case CommandKind.Batch:
                return DeliverAsync(command.Batch!);
            case CommandKind.Add:
                _listeners.Add(command.Listener!);
                break;
            case CommandKind.Remove:
                _listeners.Remove(command.Listener!);
                break;
            case CommandKind.Start:
                StartListener(command.Listener!, command.Snapshot!);
                break;
            case CommandKind.CheckIn:
                StartCheckIn();
                break;
            case CommandKind.CheckedIn:
                return CheckedInAsync(command.Published);
            case CommandKind.Hold:
                return HoldAsync(command.Reply!);
            case CommandKind.Release:
                return ReleaseAsync(command.Reply!);
        }
        return ValueTask.CompletedTask;
    }

    private async ValueTask HoldAsync(TaskCompletionSource<bool> reply)
    {
        if (_holders == 0)
        {
            // A failed registration leaves the subscription as it was: the next caller tries again.
            await Grain.Watch(_observer, _newestSeen).ConfigureAwait(false);
            LogSubscribed(_logger, _symbol);
        }
        _holders++;
        reply.TrySetResult(true);
    }

    private async ValueTask ReleaseAsync(TaskCompletionSource<bool> reply)
    {
        if (--_holders > 0)
        {
            reply.TrySetResult(false);
            return;
        }
        _closed = true;
        _mailbox.Writer.TryComplete();
        try
        {
            await Grain.Unwatch(_observer).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Not fatal: the registration lapses, and batches for a symbol without a subscription are dropped.
            LogUnsubscribeFailed(_logger, ex, _symbol);
        }
        LogUnsubscribed(_logger, _symbol);
        reply.TrySetResult(true);
    }

    private enum CommandKind
    {
        Batch,
        Add,
        Remove,
        Start,
        CheckIn,
        CheckedIn,
        Hold,
        Release,
    }

    /// <summary>
    /// One entry of the mailbox: what to do and what with. A value, so that posting a batch allocates nothing beyond
    /// the mailbox's own storage.
    /// </summary>
    private readonly record struct Command(
        CommandKind Kind,
        CandleBatch? Batch = null,
        ICandleListener? Listener = null,
        HistorySnapshot? Snapshot = null,
        TaskCompletionSource<bool>? Reply = null,
        long? Published = null);
}
