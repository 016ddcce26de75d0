namespace OrleansMarketData.Gateway.Sockets;

/// <summary>What one client message turned out to be.</summary>
public enum ReceivedKind
{
    Text,
    Binary,
    Close,
    /// <summary>Longer than the buffer: the rest was not read.</summary>
    TooBig,
}
