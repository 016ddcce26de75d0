namespace OrleansMarketData.Gateway.Sockets;

/// <summary>
/// Tells whether a subscription still receives what its producer publishes. A grain activated anew (after its silo
/// died) has no registration until the next check-in, and a delivery that failed loses its batches without telling
/// the gateway. So each batch's predecessor is checked against the newest version received, and the producer's
/// newest version, reported at each check-in, is compared with it: one still missing at the next check (time enough
/// for any batch in flight) means batches stopped arriving. Not thread-safe: its subscription's mailbox loop owns it.
/// </summary>
public sealed class DeliveryCheck
{
    private long _received;
    private long? _owed;

    /// <summary>Records a version received, from a batch or a history snapshot.</summary>
    public void Received(long version) => _received = Math.Max(_received, version);

    /// <summary>True when the batch before one (its <c>Previous</c>) never arrived.</summary>
    public bool Missed(long previous) => previous > _received;

    /// <summary>Takes the producer's newest version; true when one reported earlier has still not arrived.</summary>
    public bool IsLost(long published)
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
