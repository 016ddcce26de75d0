namespace OrleansMarketData.Storage;

/// <summary>
/// Where a symbol's feed left off: the highest sequence number stored for it and the start of its newest 1-minute
/// bar that carries one. The two may belong to different bars (a corrected bar takes a new number).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SequenceHead(
    [property: Id(0)] string Symbol,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset NewestBarTime);
