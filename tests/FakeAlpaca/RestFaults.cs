namespace OrleansMarketData.FakeAlpaca;

/// <summary>
/// Faults of the fake's REST API, as an upstream in trouble shows them: 500 answers, requests held before they are
/// answered, and bodies that are not JSON. Each is switched on and off by the test.
/// </summary>
public sealed class RestFaults
{
    private volatile bool _fail;
    private volatile bool _malformed;
    private long _holdTicks;

    /// <summary>Every REST request is answered 500 ("injected failure") while set.</summary>
    public bool Fail
    {
        get => _fail;
        set => _fail = value;
    }

    /// <summary>Every REST request is answered 200 with a body that is not JSON while set.</summary>
    public bool Malformed
    {
        get => _malformed;
        set => _malformed = value;
    }

    /// <summary>How long each REST request is held before it is answered (zero: at once; setting zero releases those held).</summary>
    public TimeSpan Hold
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _holdTicks));
        set => Interlocked.Exchange(ref _holdTicks, value.Ticks);
    }

    /// <summary>REST requests answered with an injected fault so far.</summary>
    public int Injected => Volatile.Read(ref _injected);

    private int _injected;

    internal void Count() => Interlocked.Increment(ref _injected);
}
