namespace OrleansMarketData.Gateway.Sockets;

/// <summary>One whole client message read into a buffer: what it was and how many bytes it filled.</summary>
public readonly record struct ReceivedMessage(ReceivedKind Kind, int Count);
