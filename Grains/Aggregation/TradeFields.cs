using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// A bar's trade count and VWAP as a value (<see cref="Bar.TradeCount"/>, <see cref="Bar.Vwap"/>). Kept beside the
/// <see cref="CandleRow"/>s rather than in them: most sources (the simulator) give neither, and a series fed by one
/// then holds 88-byte rows and no side array at all (<see cref="CandleBuffer"/>).
/// </summary>
/// <param name="Count">Trades in the bar; <see cref="NoCount"/> when the source did not say.</param>
/// <param name="Vwap">Volume-weighted average price; NaN when the source did not say.</param>
public readonly record struct TradeFields(long Count, double Vwap)
{
    /// <summary>The trade count of a bar whose source gave none.</summary>
    public const long NoCount = -1;

    /// <summary>Neither field known: what every bar of a source without them has.</summary>
    public static TradeFields None => new(NoCount, double.NaN);

    /// <summary>True when neither field is known (record equality takes NaN as equal to NaN).</summary>
    public bool IsNone => Count < 0 && double.IsNaN(Vwap);

    public long? TradeCount => Count < 0 ? null : Count;

    public double? KnownVwap => double.IsNaN(Vwap) ? null : Vwap;

    public static TradeFields Of(Bar bar) => new(bar.TradeCount ?? NoCount, bar.Vwap ?? double.NaN);

    /// <summary>
    /// The fields of two parts of a bar together (<see cref="BarAggregator.MergeTradeCount"/>,
    /// <see cref="BarAggregator.MergeVwap"/>); the volumes are the parts' own, before they are added up.
    /// </summary>
    public static TradeFields Merge(in TradeFields bucket, long bucketVolume, in TradeFields minute, long minuteVolume) =>
        bucket.IsNone && minute.IsNone
            ? None
            : new(BarAggregator.MergeTradeCount(bucket.Count, minute.Count),
                BarAggregator.MergeVwap(bucket.Vwap, bucketVolume, minute.Vwap, minuteVolume));
}
