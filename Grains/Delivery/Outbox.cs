namespace OrleansMarketData.Delivery;

/// <summary>
/// Items waiting for one gateway and the one sender that delivers them in order, at most <c>maxPerCall</c> a call:
/// whatever arrives while a call is in flight goes in the next, so a busy gateway gets few large calls. The sender
/// runs on the thread pool, never in the caller's turn. Beyond <c>maxWaiting</c> what waits is dropped (the kind says
/// what that costs). Once retired it takes nothing more, so a gateway never has two senders at once, which could
/// deliver out of order. The candle batches (<see cref="GatewayOutbox"/>) and the tape (Grains/Tape/TapeOutbox.cs)
/// go this way.
/// </summary>
internal abstract class Outbox<T>(int maxPerCall, int maxWaiting)
{
    private readonly Lock _lock = new();
    private List<T> _waiting = [];
    private bool _sending;
    private bool _retired;
    /// <summary>Whether something came since the last sweep looked.</summary>
    private bool _addedSinceSweep = true;
    private int _failedCalls;

    /// <summary>Queues an item and starts the sender if it is not running; false when this outbox was retired.</summary>
    protected bool TryQueue(T item)
    {
        bool start;
        lock (_lock)
        {
            if (!Admit(1)) return false;
            _waiting.Add(item);
            start = StartSending();
        }
        if (start) _ = Task.Run(SendAsync);
        return true;
    }

    /// <summary>Queues items and starts the sender if it is not running; false when this outbox was retired.</summary>
    protected bool TryQueue(IReadOnlyList<T> items)
    {
        bool start;
        lock (_lock)
        {
            if (!Admit(items.Count)) return false;
            _waiting.AddRange(items);
            start = StartSending();
        }
        if (start) _ = Task.Run(SendAsync);
        return true;
    }

    /// <summary>Under the lock: false when retired; makes room for <paramref name="count"/> more by dropping what waits.</summary>
    private bool Admit(int count)
    {
        if (_retired) return false;
        _addedSinceSweep = true;
        if (_waiting.Count + count > maxWaiting)
        {
            Overflowed(_waiting.Count);
            _waiting.Clear();
        }
        return true;
    }

    /// <summary>Under the lock: true when the sender is to be started (it was not running).</summary>
    private bool StartSending()
    {
        if (_sending) return false;
        _sending = true;
        return true;
    }

    /// <summary>Nothing waits and no call is in flight.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_lock) return !_sending && _waiting.Count == 0;
        }
    }

    /// <summary>Retires the outbox when it got nothing since the previous sweep and has nothing to send.</summary>
    public bool TryRetireIdle()
    {
        lock (_lock)
        {
            if (_sending || _waiting.Count > 0 || _addedSinceSweep)
            {
                _addedSinceSweep = false;
                return false;
            }
            _retired = true;
            return true;
        }
    }

    /// <summary>One call to the gateway.</summary>
    protected abstract Task CallAsync(List<T> items);

    /// <summary>What waited was dropped: the gateway does not keep up or does not answer.</summary>
    protected abstract void Overflowed(int dropped);

    /// <summary>A call failed (logged once per outage: a gateway that went away fails every call until it lapses).</summary>
    protected abstract void Failed(Exception exception, int count);

    /// <summary>A call succeeded after <paramref name="failedCalls"/> failed ones.</summary>
    protected virtual void Recovered(int failedCalls)
    {
    }

    private async Task SendAsync()
    {
        while (true)
        {
            List<T> call;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _sending = false;
                    return;
                }
                if (_waiting.Count <= maxPerCall) (call, _waiting) = (_waiting, []);
                else
                {
                    call = _waiting.GetRange(0, maxPerCall);
                    _waiting.RemoveRange(0, maxPerCall);
                }
            }
            try
            {
                await CallAsync(call);
                if (_failedCalls > 0) Recovered(_failedCalls);
                _failedCalls = 0;
            }
            catch (Exception ex)
            {
                if (_failedCalls++ == 0) Failed(ex, call.Count);
            }
        }
    }
}
