namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// Tells whether a stream subscription still receives what its producer publishes. The cluster may drop a
/// client's subscription for good when a delivery fails, e.g. while the client moves from a dead silo to another,
/// and the client is not told. So the producer's newest version, reported at each check, is compared with the
/// newest version received: one still missing at the next check (time enough for any batch in flight) means
/// the subscription is lost.
/// </summary>
public sealed class DeliveryCheck
{
    private readonly Lock _lock = new();
    private long _received;
    private long? _owed;

    /// <summary>Records a version received, from a batch or a history snapshot.</summary>
    public void Received(long version)
    {
        lock (_lock) _received = Math.Max(_received, version);
    }

    /// <summary>Takes the producer's newest version; true when one reported earlier has still not arrived.</summary>
    public bool IsLost(long published)
    {
        lock (_lock)
        {
            if (_owed is { } owed && _received < owed)
            {
                _owed = null;
                return true;
            }
            _owed = published > _received ? published : null;
            return false;
        }
    }
}
