namespace OrleansMarketData.Storage;

/// <summary>
/// What one write stores, in one transaction: bars of any symbols and timeframes (a bar already stored under the
/// same symbol, timeframe and start is replaced), and the ranges these bars complete (<see cref="Covered"/>: the
/// store then holds every bar that exists in each, so a minute without a row there had no trade). A history page
/// covers the range it was asked for; a live minute covers that minute for every symbol the feed subscribes to.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BarBatch(
    [property: Id(0)] IReadOnlyList<StoredBar> Bars,
    [property: Id(1)] IReadOnlyList<BarRange> Covered)
{
    public BarBatch(IReadOnlyList<StoredBar> bars) : this(bars, []) { }

    public bool IsEmpty => Bars.Count == 0 && Covered.Count == 0;
}
