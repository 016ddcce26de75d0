namespace OrleansMarketData.Model;

/// <summary>
/// The bar store as health reports show it. <see cref="Reason"/> says why it is degraded, without connection strings
/// or passwords. <see cref="LostRanges"/> counts the ranges of dropped live batches not yet fetched again;
/// <see cref="SkippedBars"/> the bars of history pages not stored because the write queue was half full.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BarStoreStatus(
    [property: Id(0)] string Provider,
    [property: Id(1)] bool Degraded,
    [property: Id(2)] string? Reason,
    [property: Id(3)] long QueuedBars,
    [property: Id(4)] long DroppedBatches,
    [property: Id(5)] long DroppedBars,
    [property: Id(6)] int LostRanges,
    [property: Id(7)] long SkippedBars)
{
    /// <summary>"ok" or "degraded", as <c>/api/health</c> spells it.</summary>
    public string State => Degraded ? "degraded" : "ok";
}
